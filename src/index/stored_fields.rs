//! A stored document read as its plain values, for the page of hits: tantivy's own document type
//! first decodes every value and then copies each into its compact form, a visible share of
//! fetching ten hits; this keeps the decoded values and hands the strings over without a copy.

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

/// The stored values of one document, in stored order.
#[derive(Debug, Default)]
pub(crate) struct StoredFields(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for StoredFields {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(entry) = deserializer.next_field::<OwnedValue>()? {
            values.push(entry);
        }
        Ok(StoredFields(values))
    }
}

impl StoredFields {
    /// The first value of `field`.
    pub(crate) fn first(&self, field: Field) -> Option<&OwnedValue> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }

    /// The first text of `field`.
    pub(crate) fn str(&self, field: Field) -> Option<&str> {
        match self.first(field)? {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The first bytes of `field`.
    pub(crate) fn bytes(&self, field: Field) -> Option<&[u8]> {
        match self.first(field)? {
            OwnedValue::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The first text of `field`, moved out (later calls for the field see its next text).
    pub(crate) fn take_str(&mut self, field: Field) -> Option<String> {
        let i = self.0.iter().position(|(f, v)| *f == field && matches!(v, OwnedValue::Str(_)))?;
        match self.0.remove(i).1 {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::NewsSchema;
    use tantivy::schema::Value;
    use tantivy::{doc, Index, TantivyDocument};

    #[test]
    fn reads_the_values_tantivy_stores_as_its_own_document_does() {
        let index = Index::create_in_ram(NewsSchema::build());
        crate::index::schema::register_analyzer(&index);
        let f = NewsSchema::from_schema(&index.schema()).unwrap();
        let page = f.page.unwrap();
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(doc!(f.id => "a", f.title => "Bukele", f.body => "Body é.", page => vec![1u8, 2, 3],
                f.publisher_tags => "person:x", f.publisher_tags => "subject:y"))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let addr = tantivy::DocAddress::new(0, 0);
        let ours: StoredFields = searcher.doc(addr).unwrap();
        let theirs: TantivyDocument = searcher.doc(addr).unwrap();
        for field in [f.id, f.title, f.body, f.publisher_tags, f.url] {
            assert_eq!(ours.str(field), theirs.get_first(field).and_then(|v| v.as_str()), "{field:?}");
        }
        assert_eq!(ours.bytes(page), Some(&[1u8, 2, 3][..]));
        assert_eq!(ours.str(page), None);
        let mut ours = ours;
        assert_eq!(ours.take_str(f.publisher_tags).as_deref(), Some("person:x"));
        assert_eq!(ours.take_str(f.body).as_deref(), Some("Body é."));
        assert_eq!(ours.take_str(f.body), None);
    }
}
