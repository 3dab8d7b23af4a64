//! The `news` analyzer. (stub)
