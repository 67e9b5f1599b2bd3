//! Languages: any BCP 47 tag (`id`, `en`, `jv`, `sas`, `bbc`, `pt-BR`),
//! normalised (`PT-br` → `pt-BR`) and kept as a small `Copy` value, with
//! what cerita knows of the common ones: their names in their own language,
//! `og:locale`, month names for dates, and which word rules search uses.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// A language tag. Two tags are the same language when they are the same
/// text after normalising; [`Lang::lookup`] also matches `en-US` to `en`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

/// How search treats a language's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemming {
    /// Indonesian and Malay: prefixes and suffixes, confirmed by the site's words.
    Indonesian,
    /// English: plural and verb endings.
    English,
    /// Any other language: folded (case, diacritics) and matched by prefix only.
    None,
}

/// Names some callers give instead of a tag (ISO 639-2 codes, English and
/// Indonesian names), as cerita has always read them.
const ALIASES: &[(&str, &str)] = &[
    ("ind", "id"),
    ("indonesia", "id"),
    ("indonesian", "id"),
    ("bahasa indonesia", "id"),
    ("eng", "en"),
    ("english", "en"),
    ("jav", "jv"),
    ("javanese", "jv"),
    ("sun", "su"),
    // Names in Indonesian and in the languages themselves.
    ("inggris", "en"),
    ("bahasa inggris", "en"),
    ("jawa", "jv"),
    ("bahasa jawa", "jv"),
    ("basa jawa", "jv"),
    ("sunda", "su"),
    ("sundanese", "su"),
    ("bahasa sunda", "su"),
    ("basa sunda", "su"),
    ("balinese", "ban"),
    ("bahasa bali", "ban"),
    ("basa bali", "ban"),
    ("malay", "ms"),
    ("melayu", "ms"),
    ("bahasa melayu", "ms"),
    // Other languages' English and Indonesian names (their own are
    // [`KNOWN`]'s).
    ("arabic", "ar"),
    ("arab", "ar"),
    ("bahasa arab", "ar"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("bahasa mandarin", "zh"),
    ("japanese", "ja"),
    ("jepang", "ja"),
    ("korean", "ko"),
    ("korea", "ko"),
    ("thai", "th"),
    ("vietnamese", "vi"),
    ("french", "fr"),
    ("prancis", "fr"),
    ("german", "de"),
    ("jerman", "de"),
    ("spanish", "es"),
    ("spanyol", "es"),
    ("portuguese", "pt"),
    ("dutch", "nl"),
    ("belanda", "nl"),
    ("filipino", "tl"),
    ("tetum", "tet"),
];

/// Withdrawn ISO 639 codes still written: Java and Android name Indonesian
/// `in` (`in_ID`), Google Translate named Javanese `jw`.
const WITHDRAWN: &[(&str, &str)] = &[("in", "id"), ("jw", "jv")];

/// Languages by their own name, and their usual `og:locale`.
const KNOWN: &[(&str, &str, &str)] = &[
    ("id", "Bahasa Indonesia", "id_ID"),
    ("en", "English", "en_US"),
    ("jv", "Basa Jawa", "jv_ID"),
    ("su", "Basa Sunda", "su_ID"),
    ("ms", "Bahasa Melayu", "ms_MY"),
    ("ban", "Basa Bali", "ban_ID"),
    ("sas", "Base Sasak", "sas_ID"),
    ("bbc", "Hata Batak Toba", "bbc_ID"),
    ("btk", "Bahasa Batak", "btk_ID"),
    ("min", "Baso Minang", "min_ID"),
    ("bug", "Basa Ugi", "bug_ID"),
    ("mak", "Basa Mangkasara'", "mak_ID"),
    ("mad", "Bhâsa Madhurâ", "mad_ID"),
    ("ace", "Bahsa Acèh", "ace_ID"),
    ("bjn", "Bahasa Banjar", "bjn_ID"),
    ("tet", "Tetun", "tet_TL"),
    ("nl", "Nederlands", "nl_NL"),
    ("de", "Deutsch", "de_DE"),
    ("fr", "Français", "fr_FR"),
    ("es", "Español", "es_ES"),
    ("pt", "Português", "pt_PT"),
    ("pt-BR", "Português (Brasil)", "pt_BR"),
    ("ar", "العربية", "ar_AR"),
    ("ja", "日本語", "ja_JP"),
    ("ko", "한국어", "ko_KR"),
    ("zh", "中文", "zh_CN"),
    ("tl", "Tagalog", "tl_PH"),
    ("th", "ไทย", "th_TH"),
    ("vi", "Tiếng Việt", "vi_VN"),
];

/// Every other ISO 639-1 language by its own name: a file-name suffix that
/// is one is read as a language (`rapat.he.md`), and a site's switcher
/// names it as its readers do.
const ISO_639_1: &[(&str, &str)] = &[
    ("aa", "Afaraf"),
    ("ab", "аԥсуа бызшәа"),
    ("af", "Afrikaans"),
    ("ak", "Akan"),
    ("am", "አማርኛ"),
    ("an", "aragonés"),
    ("as", "অসমীয়া"),
    ("av", "авар мацӀ"),
    ("ay", "aymar aru"),
    ("az", "azərbaycan dili"),
    ("ba", "башҡорт теле"),
    ("be", "беларуская"),
    ("bg", "български"),
    ("bi", "Bislama"),
    ("bm", "bamanankan"),
    ("bn", "বাংলা"),
    ("bo", "བོད་ཡིག"),
    ("br", "brezhoneg"),
    ("bs", "bosanski"),
    ("ca", "català"),
    ("ce", "нохчийн мотт"),
    ("ch", "Chamoru"),
    ("co", "corsu"),
    ("cr", "ᓀᐦᐃᔭᐍᐏᐣ"),
    ("cs", "čeština"),
    ("cu", "ѩзыкъ словѣньскъ"),
    ("cv", "чӑваш чӗлхи"),
    ("cy", "Cymraeg"),
    ("da", "dansk"),
    ("dv", "ދިވެހި"),
    ("dz", "རྫོང་ཁ"),
    ("ee", "Eʋegbe"),
    ("el", "Ελληνικά"),
    ("eo", "Esperanto"),
    ("et", "eesti"),
    ("eu", "euskara"),
    ("fa", "فارسی"),
    ("ff", "Fulfulde"),
    ("fi", "suomi"),
    ("fj", "vosa Vakaviti"),
    ("fo", "føroyskt"),
    ("fy", "Frysk"),
    ("ga", "Gaeilge"),
    ("gd", "Gàidhlig"),
    ("gl", "galego"),
    ("gn", "Avañe'ẽ"),
    ("gu", "ગુજરાતી"),
    ("gv", "Gaelg"),
    ("ha", "Hausa"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("ho", "Hiri Motu"),
    ("hr", "hrvatski"),
    ("ht", "Kreyòl ayisyen"),
    ("hu", "magyar"),
    ("hy", "Հայերեն"),
    ("hz", "Otjiherero"),
    ("ia", "Interlingua"),
    ("ie", "Interlingue"),
    ("ig", "Igbo"),
    ("ii", "ꆈꌠꉙ"),
    ("ik", "Iñupiaq"),
    ("io", "Ido"),
    ("is", "íslenska"),
    ("it", "Italiano"),
    ("iu", "ᐃᓄᒃᑎᑐᑦ"),
    ("ka", "ქართული"),
    ("kg", "Kikongo"),
    ("ki", "Gĩkũyũ"),
    ("kj", "Kuanyama"),
    ("kk", "қазақ тілі"),
    ("kl", "kalaallisut"),
    ("km", "ខ្មែរ"),
    ("kn", "ಕನ್ನಡ"),
    ("kr", "Kanuri"),
    ("ks", "कॉशुर"),
    ("ku", "Kurdî"),
    ("kv", "коми кыв"),
    ("kw", "Kernewek"),
    ("ky", "Кыргызча"),
    ("la", "Latina"),
    ("lb", "Lëtzebuergesch"),
    ("lg", "Luganda"),
    ("li", "Limburgs"),
    ("ln", "Lingála"),
    ("lo", "ລາວ"),
    ("lt", "lietuvių"),
    ("lu", "Kiluba"),
    ("lv", "latviešu"),
    ("mg", "Malagasy"),
    ("mh", "Kajin M̧ajeļ"),
    ("mi", "te reo Māori"),
    ("mk", "македонски"),
    ("ml", "മലയാളം"),
    ("mn", "монгол"),
    ("mr", "मराठी"),
    ("mt", "Malti"),
    ("my", "မြန်မာ"),
    ("na", "Dorerin Naoero"),
    ("nb", "norsk bokmål"),
    ("nd", "isiNdebele"),
    ("ne", "नेपाली"),
    ("ng", "Owambo"),
    ("nn", "norsk nynorsk"),
    ("no", "norsk"),
    ("nr", "isiNdebele"),
    ("nv", "Diné bizaad"),
    ("ny", "chiCheŵa"),
    ("oc", "occitan"),
    ("oj", "ᐊᓂᔑᓈᐯᒧᐎᓐ"),
    ("om", "Afaan Oromoo"),
    ("or", "ଓଡ଼ିଆ"),
    ("os", "ирон æвзаг"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pi", "पाऴि"),
    ("pl", "polski"),
    ("ps", "پښتو"),
    ("qu", "Runa Simi"),
    ("rm", "rumantsch"),
    ("rn", "Ikirundi"),
    ("ro", "română"),
    ("ru", "русский"),
    ("rw", "Ikinyarwanda"),
    ("sa", "संस्कृतम्"),
    ("sc", "sardu"),
    ("sd", "سنڌي"),
    ("se", "davvisámegiella"),
    ("sg", "yângâ tî sängö"),
    ("si", "සිංහල"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sm", "gagana Samoa"),
    ("sn", "chiShona"),
    ("so", "Soomaaliga"),
    ("sq", "shqip"),
    ("sr", "српски"),
    ("ss", "SiSwati"),
    ("st", "Sesotho"),
    ("sv", "svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("tg", "тоҷикӣ"),
    ("ti", "ትግርኛ"),
    ("tk", "Türkmençe"),
    ("tn", "Setswana"),
    ("to", "lea faka-Tonga"),
    ("tr", "Türkçe"),
    ("ts", "Xitsonga"),
    ("tt", "татар теле"),
    ("tw", "Twi"),
    ("ty", "Reo Tahiti"),
    ("ug", "ئۇيغۇرچە"),
    ("uk", "українська"),
    ("ur", "اردو"),
    ("uz", "oʻzbekcha"),
    ("ve", "Tshivenḓa"),
    ("vo", "Volapük"),
    ("wa", "walon"),
    ("wo", "Wollof"),
    ("xh", "isiXhosa"),
    ("yi", "ייִדיש"),
    ("yo", "Yorùbá"),
    ("za", "Saɯ cueŋƅ"),
    ("zu", "isiZulu"),
];

/// Codes written for a language whose code they are not: `(written,
/// meant, what the code is)`. Indonesian and Malaysian sites write `bi`
/// and `bm` for Bahasa Indonesia and Bahasa Melayu; others a country's
/// code for its language.
const MISTAKEN: &[(&str, &str, &str)] = &[
    ("bi", "id", "Bislama"),
    ("bm", "ms", "Bambara"),
    ("my", "ms", "Burmese"),
    ("jp", "ja", "Japan's country code"),
    ("cn", "zh", "China's country code"),
    ("kr", "ko", "Kanuri"),
    ("gr", "el", "Greece's country code"),
    ("cz", "cs", "the Czech Republic's country code"),
    ("dk", "da", "Denmark's country code"),
    ("se", "sv", "Northern Sami"),
    ("ua", "uk", "Ukraine's country code"),
    ("vn", "vi", "Viet Nam's country code"),
];

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Malay (CLDR `ms`): Mac, Julai, Ogos and Disember where Indonesian
/// writes Maret, Juli, Agustus and Desember.
const MONTHS_MS: [&str; 12] = [
    "Januari",
    "Februari",
    "Mac",
    "April",
    "Mei",
    "Jun",
    "Julai",
    "Ogos",
    "September",
    "Oktober",
    "November",
    "Disember",
];
/// Javanese writes the Gregorian months as Indonesian does (CLDR `jv`).
const MONTHS_JV: [&str; 12] = MONTHS_ID;
/// Sundanese (CLDR `su`).
const MONTHS_SU: [&str; 12] = [
    "Januari",
    "Pébruari",
    "Maret",
    "April",
    "Méi",
    "Juni",
    "Juli",
    "Agustus",
    "Séptémber",
    "Oktober",
    "Nopémber",
    "Désémber",
];

impl Lang {
    pub const ID: Lang = Lang("id");
    pub const EN: Lang = Lang("en");

    /// A tag, normalised (`language[-Script][-REGION][-variant]`), or `None`
    /// when `s` is not a well-formed tag or a known name.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        if let Some((_, tag)) = ALIASES.iter().find(|(a, _)| *a == lower) {
            return Some(Lang(tag));
        }
        // A language's own name, as a site's switcher shows it (`中文`);
        // not looked for in what is shaped as a tag (`id`, `zh-CN`), which
        // templates parse on every page.
        if s.len() > 3 && !s.contains(['-', '_']) {
            let known = if s.is_ascii() {
                KNOWN.iter().find(|k| k.1.eq_ignore_ascii_case(s))
            } else {
                let folded = s.to_lowercase();
                KNOWN.iter().find(|k| k.1.to_lowercase() == folded)
            };
            if let Some((tag, ..)) = known {
                return Some(Lang(tag));
            }
        }
        let lang = Lang::parse_tag(s)?;
        match WITHDRAWN.iter().find(|(old, _)| *old == lang.primary()) {
            Some((old, new)) => Lang::parse_tag(&format!("{new}{}", &lang.0[old.len()..])),
            None => Some(lang),
        }
    }

    /// A well-formed tag only (no names such as `english`).
    pub fn parse_tag(s: &str) -> Option<Lang> {
        let mut out = String::with_capacity(s.len());
        for (i, part) in s.split(['-', '_']).enumerate() {
            let ok = part.bytes().all(|b| b.is_ascii_alphanumeric());
            let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
            let normal = match (i, part.len()) {
                (0, 2 | 3) if alpha => part.to_ascii_lowercase(),
                (0, _) => return None,
                // Script: `Latn`.
                (_, 4) if alpha => {
                    let mut p = part.to_ascii_lowercase();
                    p[..1].make_ascii_uppercase();
                    p
                }
                // Region: `ID`, `BR`, `419`.
                (_, 2) if alpha => part.to_ascii_uppercase(),
                (_, 3) if part.bytes().all(|b| b.is_ascii_digit()) => part.to_string(),
                // Extended language or variant.
                (_, 3 | 5..=8) if ok => part.to_ascii_lowercase(),
                _ => return None,
            };
            if i > 0 {
                out.push('-');
            }
            out.push_str(&normal);
        }
        if out.len() > 35 {
            return None;
        }
        Some(Lang(intern(&out)))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    /// The language subtag: `pt` of `pt-BR`.
    pub fn primary(self) -> &'static str {
        self.0.split('-').next().unwrap_or(self.0)
    }

    /// The language of `available` that `self` names: the same tag, else
    /// the first with the same language subtag (`en-GB` → `en`, `en` →
    /// `en-GB`).
    pub fn lookup(self, available: &[Lang]) -> Option<Lang> {
        available
            .iter()
            .find(|l| **l == self)
            .or_else(|| available.iter().find(|l| l.primary() == self.primary()))
            .copied()
    }

    fn known(self) -> Option<&'static (&'static str, &'static str, &'static str)> {
        KNOWN
            .iter()
            .find(|k| k.0 == self.0)
            .or_else(|| KNOWN.iter().find(|k| k.0 == self.primary()))
    }

    /// Whether cerita knows the language (its name, locale): a file-name
    /// suffix that is a known language is taken as one even when the site
    /// does not declare it (and is then an error), where `rapat.rt.md` keeps
    /// its `.rt`.
    pub fn is_known(self) -> bool {
        self.known().is_some()
            || ISO_639_1.iter().any(|k| k.0 == self.primary())
            || self.mistaken().is_some()
    }

    /// The language this code is often written for although it is
    /// another's (or no language's), and what it is: `bi` → (`id`,
    /// "Bislama").
    pub fn mistaken(self) -> Option<(Lang, &'static str)> {
        MISTAKEN
            .iter()
            .find(|m| m.0 == self.primary())
            .map(|m| (Lang(m.1), m.2))
    }

    /// The language's name in the language itself ("Basa Jawa"), when
    /// cerita knows it; else the tag.
    pub fn name(self) -> &'static str {
        match KNOWN.iter().find(|k| k.0 == self.0) {
            Some(k) => k.1,
            None => self.known().map(|k| k.1).unwrap_or_else(|| {
                ISO_639_1
                    .iter()
                    .find(|k| k.0 == self.primary())
                    .map_or(self.0, |k| k.1)
            }),
        }
    }

    /// `og:locale`: `id_ID`, `en_US`, `pt_BR`; a tag cerita does not know
    /// with its region (`xx-YY` → `xx_YY`), else the tag itself.
    pub fn locale(self) -> String {
        if let Some(k) = KNOWN.iter().find(|k| k.0 == self.0) {
            return k.2.to_string();
        }
        let mut parts = self.0.split('-');
        let primary = parts.next().unwrap_or(self.0);
        match parts.find(|p| p.len() == 2) {
            Some(region) => format!("{primary}_{region}"),
            None => self
                .known()
                .map_or_else(|| self.0.to_string(), |k| k.2.to_string()),
        }
    }

    /// The direction of the language's script, for `<html dir>`: `rtl`
    /// for Arabic, Persian, Hebrew, Urdu and the other languages written
    /// right to left, and for a tag naming such a script (`ms-Arab`,
    /// Malay in Jawi); else `ltr`.
    pub fn dir(self) -> &'static str {
        const RTL: [&str; 13] = [
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi",
        ];
        const RTL_SCRIPTS: [&str; 7] = ["Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"];
        let mut parts = self.0.split('-').skip(1);
        let script = parts.find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()));
        let rtl = match script {
            Some(script) => RTL_SCRIPTS.contains(&script),
            None => RTL.contains(&self.primary()),
        };
        if rtl { "rtl" } else { "ltr" }
    }

    /// Month names for dates, for the languages cerita has them for.
    pub fn months(self) -> Option<&'static [&'static str; 12]> {
        match self.primary() {
            "id" => Some(&MONTHS_ID),
            "ms" => Some(&MONTHS_MS),
            "en" => Some(&MONTHS_EN),
            "jv" => Some(&MONTHS_JV),
            "su" => Some(&MONTHS_SU),
            _ => None,
        }
    }

    /// How search treats the language's words.
    pub fn stemming(self) -> Stemming {
        match self.primary() {
            "id" | "ms" => Stemming::Indonesian,
            "en" => Stemming::English,
            _ => Stemming::None,
        }
    }
}

/// One `'static` copy of each distinct tag: a site uses a handful, and a
/// `Copy` language is what every page and story carries.
fn intern(tag: &str) -> &'static str {
    static TAGS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let set = TAGS.get_or_init(Default::default);
    let Ok(mut set) = set.lock() else {
        // A poisoned lock: one more small string is harmless.
        return Box::leak(tag.to_string().into_boxed_str());
    };
    if let Some(t) = set.get(tag) {
        return t;
    }
    let t: &'static str = Box::leak(tag.to_string().into_boxed_str());
    set.insert(t);
    t
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.0)
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_language_is_known_by_its_own_name_and_mistaken_codes_are_told() {
        let l = |t: &str| Lang::parse_tag(t).unwrap();
        for (tag, name) in [
            ("he", "עברית"),
            ("el", "Ελληνικά"),
            ("ru", "русский"),
            ("fa", "فارسی"),
            ("ur", "اردو"),
            ("he-IL", "עברית"),
        ] {
            assert!(l(tag).is_known(), "{tag}");
            assert_eq!(l(tag).name(), name);
        }
        // Not a language: a file named `rapat.rt.md` keeps its `.rt`.
        assert!(!l("rt").is_known());
        assert_eq!(l("rt").name(), "rt");
        // `bi` and `bm` are languages, though sites write them for
        // Bahasa Indonesia and Bahasa Melayu; `jp` is no language at all.
        assert_eq!(l("bi").mistaken(), Some((Lang::ID, "Bislama")));
        assert_eq!(l("bm").mistaken().map(|m| m.0.code()), Some("ms"));
        assert!(l("jp").is_known());
        assert_eq!(l("jp").mistaken().map(|m| m.0.code()), Some("ja"));
        assert_eq!(l("id").mistaken(), None);
    }

    #[test]
    fn malay_writes_its_own_months() {
        let ms = Lang::parse_tag("ms").unwrap().months().unwrap();
        assert_eq!(
            [ms[2], ms[6], ms[7], ms[11]],
            ["Mac", "Julai", "Ogos", "Disember"]
        );
        assert_eq!(Lang::ID.months().unwrap()[2], "Maret");
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        let dir = |s: &str| Lang::parse(s).unwrap().dir();
        for rtl in [
            "ar",
            "fa",
            "he",
            "ur",
            "ar-EG",
            "ms-Arab",
            "jv_arab",
            "ku-Arab-IQ",
        ] {
            assert_eq!(dir(rtl), "rtl", "{rtl}");
        }
        for ltr in ["id", "en", "jv", "ms", "sas", "pt-BR", "ar-Latn", "ku"] {
            assert_eq!(dir(ltr), "ltr", "{ltr}");
        }
    }

    #[test]
    fn tags_are_normalised_and_names_are_read() {
        let code = |s: &str| Lang::parse(s).map(Lang::code);
        assert_eq!(code("id"), Some("id"));
        // A language's own name, as the switcher shows it, and its
        // English or Indonesian one.
        for (name, tag) in [
            ("中文", "zh"),
            ("العربية", "ar"),
            ("Chinese", "zh"),
            ("Bahasa Arab", "ar"),
            ("français", "fr"),
            ("日本語", "ja"),
        ] {
            assert_eq!(code(name), Some(tag), "{name}");
        }
        assert_eq!(code(" EN "), Some("en"));
        assert_eq!(code("pt_br"), Some("pt-BR"));
        assert_eq!(code("sr-latn-rs"), Some("sr-Latn-RS"));
        assert_eq!(code("es-419"), Some("es-419"));
        assert_eq!(code("sas"), Some("sas"));
        assert_eq!(code("Bahasa Indonesia"), Some("id"));
        assert_eq!(code("english"), Some("en"));
        assert_eq!(code("jav"), Some("jv"));
        assert_eq!(code("Bahasa Inggris"), Some("en"));
        assert_eq!(code("jawa"), Some("jv"));
        assert_eq!(code("in"), Some("id"));
        assert_eq!(code("in_ID"), Some("id-ID"));
        assert_eq!(code("jw"), Some("jv"));
        // A withdrawn code is not read as a file name's language suffix.
        assert_eq!(Lang::parse_tag("in").map(Lang::code), Some("in"));
        for bad in [
            "",
            "x",
            "indonesian language",
            "e1",
            "en-",
            "en--US",
            "id/en",
            "ab-toolongsubtag",
        ] {
            assert_eq!(code(bad), None, "{bad}");
        }
        assert_eq!(Lang::parse("id"), Some(Lang::ID));
    }

    #[test]
    fn lookup_names_and_locales() {
        let site = [Lang::ID, Lang::EN, Lang::parse("jv").unwrap_or(Lang::ID)];
        let look = |s: &str| Lang::parse(s).and_then(|l| l.lookup(&site)).map(Lang::code);
        assert_eq!(look("en-GB"), Some("en"));
        assert_eq!(look("id-ID"), Some("id"));
        assert_eq!(look("jv"), Some("jv"));
        assert_eq!(look("sas"), None);
        assert_eq!(site[2].name(), "Basa Jawa");
        assert_eq!(Lang::parse("xx").map(Lang::name), Some("xx"));
        assert_eq!(Lang::ID.locale(), "id_ID");
        assert_eq!(Lang::EN.locale(), "en_US");
        assert_eq!(
            Lang::parse("pt-BR").map(Lang::locale).as_deref(),
            Some("pt_BR")
        );
        assert_eq!(
            Lang::parse("xx-YY").map(Lang::locale).as_deref(),
            Some("xx_YY")
        );
        assert_eq!(
            Lang::parse("en-GB").map(Lang::locale).as_deref(),
            Some("en_GB")
        );
        assert!(Lang::parse("fy").and_then(Lang::months).is_none());
        assert_eq!(Lang::EN.stemming(), Stemming::English);
        assert_eq!(Lang::parse("bbc").map(Lang::stemming), Some(Stemming::None));
    }
}
