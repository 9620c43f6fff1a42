//! Integration tests of the whole Samråd server live in `tests/api/`; this library is
//! intentionally empty.
