//! Entity and place extraction. (stub: to be written)
use crate::model::Mention;
use std::sync::OnceLock;

/// Finds mentions of places, people, organisations and armed groups in text.
pub struct Extractor {}

impl Extractor {
    /// The extractor over the built-in gazetteer, built once per process.
    pub fn builtin() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor {})
    }

    /// All mentions in `text`, in order of their start offset, not overlapping.
    pub fn extract(&self, _text: &str) -> Vec<Mention> {
        Vec::new()
    }
}
