//! The built-in gazetteer. (stub: to be written)
