//! Ingest: find article files, read every format news dumps come in, and report what was skipped.

pub(crate) mod archive;
pub(crate) mod article;
pub(crate) mod csv;
pub mod date;
pub mod decode;
pub(crate) mod feed;
pub mod fields;
pub mod format;
pub mod html;
pub(crate) mod jsonl;
pub(crate) mod news_xml;
pub(crate) mod parquet;
pub mod reader;
pub(crate) mod skips;
pub(crate) mod source;
pub mod text;
pub(crate) mod walker;
pub(crate) mod warc;

pub use article::Article;
pub use format::Format;
pub use reader::{read_articles, FileRead, ReadLimits};
pub use skips::{Skip, SkipLog, SkipReason};
pub use walker::{walk, SourceFile};
