//! Swedish labels of enum values, for documents the server writes itself (the inputs CSV).
//!
//! Rule: one source of truth. The labels are the web UI's own Swedish strings
//! (`web/src/i18n/sv.json`), compiled in, so a spreadsheet says what the screen says.

use std::{collections::HashMap, sync::OnceLock};

static SV: OnceLock<HashMap<String, String>> = OnceLock::new();

fn table() -> &'static HashMap<String, String> {
    SV.get_or_init(|| {
        serde_json::from_str(include_str!("../../../web/src/i18n/sv.json")).unwrap_or_default()
    })
}

/// The Swedish label of `value` (a stored code such as `on_agenda`) under `prefix`
/// (`status`, `group`, `gathered`); the code itself when there is none.
pub fn sv(prefix: &str, value: &str) -> String {
    table()
        .get(&format!("{prefix}.{}", value.to_uppercase()))
        .cloned()
        .unwrap_or_else(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_the_web_uis_swedish_words() {
        assert_eq!(sv("status", "on_agenda"), "På dagordningen");
        assert_eq!(sv("group", "girls_and_young_women"), "Flickor och unga kvinnor");
        assert_eq!(sv("gathered", "safety_walk"), "Trygghetsvandring");
        assert_eq!(sv("status", "no_such_code"), "no_such_code");
    }
}
