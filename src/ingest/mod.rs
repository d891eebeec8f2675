//! Ingest: find article files, read every format news dumps come in, and report what was skipped.

pub mod article;
pub mod date;
pub mod decode;
pub mod fields;
pub mod format;
pub mod html;
pub mod reader;
pub mod skips;
pub mod text;
pub mod walker;

pub use article::Article;
pub use format::Format;
pub use reader::{read_articles, ReadLimits};
pub use skips::{Skip, SkipLog, SkipReason};
pub use walker::{walk, SourceFile};
