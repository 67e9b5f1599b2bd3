//! Views → template values, as `serde_json::to_value` makes them, built
//! faster. serde_json fills an object by inserting its fields into a B-tree
//! one at a time; here an object's fields are gathered first and the tree is
//! built from them in one pass (`Map: FromIterator`, which sorts and builds
//! bottom-up). Pages' contexts hold about 150,000 story views at 10,000
//! stories, and those inserts were about a third of making them.
//!
//! The result is equal to serde_json's for every input (`tests` below and
//! `tests/it/properties.rs`); what this serialiser does not handle (enum
//! variants with data, non-string map keys) falls back to serde_json.

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Error, Map, Value};

/// `value` as a template value; equal to `serde_json::to_value(value)`.
/// Our views always serialise; anything else that fails becomes null.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    value
        .serialize(Ser)
        .or_else(|_| serde_json::to_value(value))
        .unwrap_or(Value::Null)
}

struct Ser;

/// Numbers become JSON numbers (non-finite floats null), as in serde_json.
macro_rules! numbers {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<Value, Error> {
            Ok(v.into())
        })*
    };
}

fn unsupported() -> Error {
    ser::Error::custom("not handled here")
}

impl ser::Serializer for Ser {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Impossible<Value, Error>;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Impossible<Value, Error>;

    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        Ok(Value::Bool(v))
    }
    numbers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64
    );
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::Array(v.iter().map(|&b| b.into()).collect()))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, Error> {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Value, Error> {
        Err(unsupported())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported())
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Object, Error> {
        Ok(Object {
            fields: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Object, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported())
    }
}

struct Seq(Vec<Value>);

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(Ser)?);
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

/// An object's fields in the order given; the map is built once at the end.
/// Later fields win over earlier ones of the same name, as with inserts.
struct Object {
    fields: Vec<(String, Value)>,
    key: Option<String>,
}

impl Object {
    fn done(self) -> Value {
        Value::Object(self.fields.into_iter().collect::<Map<String, Value>>())
    }
}

impl ser::SerializeStruct for Object {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.fields.push((key.to_owned(), value.serialize(Ser)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

impl ser::SerializeMap for Object {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys must be strings; anything else goes to serde_json, which turns
        // numbers and booleans into strings.
        match key.serialize(Ser)? {
            Value::String(key) => self.key = Some(key),
            _ => return Err(unsupported()),
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(unsupported)?;
        self.fields.push((key, value.serialize(Ser)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(self.done())
    }
}

#[cfg(test)]
mod tests {
    use super::to_value;
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Inner<'a> {
        name: &'a str,
        n: u32,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(u8),
        Pair(u8, u8),
        Named { a: u8 },
    }

    #[derive(Serialize)]
    struct View<'a> {
        zeta: Option<&'a str>,
        alpha: Vec<Inner<'a>>,
        same: u8,
        #[serde(rename = "same")]
        again: u8,
        float: f64,
        nan: f64,
        neg: i64,
        ch: char,
        tuple: (u8, &'a str),
        unit: (),
        kinds: Vec<Kind>,
        extra: &'a serde_json::Map<String, serde_json::Value>,
        numbered: BTreeMap<u32, &'a str>,
        bytes: &'a [u8],
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    #[test]
    fn equals_serde_json() {
        let extra = json!({"b": [1, {"c": null}], "a": "x", "": true})
            .as_object()
            .cloned()
            .unwrap_or_default();
        let view = View {
            zeta: None,
            alpha: vec![Inner { name: "é", n: 1 }, Inner { name: "", n: 0 }],
            same: 1,
            again: 2,
            float: 1.5,
            nan: f64::NAN,
            neg: -3,
            ch: 'ü',
            tuple: (7, "t"),
            unit: (),
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped(1),
                Kind::Pair(1, 2),
                Kind::Named { a: 3 },
            ],
            extra: &extra,
            numbered: BTreeMap::from([(2, "two"), (10, "ten")]),
            bytes: b"ab",
            skipped: None,
        };
        assert_eq!(to_value(&view), serde_json::to_value(&view).unwrap());
        assert_eq!(to_value(&extra), serde_json::to_value(&extra).unwrap());
        assert_eq!(
            to_value(&view.alpha),
            serde_json::to_value(&view.alpha).unwrap()
        );
    }
}
