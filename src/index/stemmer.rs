//! English stemming with a cache of the words seen: news repeats its words, and a stem looked up
//! costs a fraction of the Snowball stemmer's run over the word.

use std::collections::HashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words a tokenizer keeps the stems of; the cache starts over beyond this.
pub const DEFAULT_STEM_CACHE: usize = 200_000;

/// A [`TokenFilter`] giving the same tokens as tantivy's `Stemmer::new(Language::English)`
/// (the same Snowball English algorithm), remembering each word's stem.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer, stems: HashMap::default() }
    }
}

type Stems = HashMap<Box<str>, Box<str>, foldhash::fast::FixedState>;

/// The tokenizer [`CachedStemmer`] makes; each copy keeps a cache of its own.
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: Stems,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    /// A copy starts with an empty cache (tantivy copies an analyzer per field and thread).
    fn clone(&self) -> Self {
        CachedStemmerFilter { inner: self.inner.clone(), stems: HashMap::default() }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stems: &'a mut Stems,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(&token.text).into();
        if self.stems.len() >= DEFAULT_STEM_CACHE {
            self.stems.clear();
        }
        self.stems.insert(token.text.as_str().into(), stem.clone());
        token.text.clear();
        token.text.push_str(&stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push((t.text.clone(), t.position, t.offset_from, t.offset_to)));
        out
    }

    #[test]
    fn the_same_tokens_as_tantivys_english_stemmer_warm_or_cold() {
        let text = "Deportees were deported; the deporting governments' deportations. Running runners ran \
                    generously, generous generalisations: the running deportees were running again.";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(CachedStemmer).build();
        let expected = tokens(&mut plain, text);
        assert!(expected.iter().any(|t| t.0 == "deporte") && expected.iter().any(|t| t.0 == "run"));
        // Cold, then warm (every word cached), then a copy (an empty cache of its own).
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached.clone(), text), expected);
    }
}
