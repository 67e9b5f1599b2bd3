pub mod config;
pub mod error;
pub mod frontmatter;
pub mod fs;
pub mod highlight;
pub mod markdown;
pub mod text;
mod yaml;
