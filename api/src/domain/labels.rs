//! Words for documents the server writes itself (the inputs CSV, e-mail), in Swedish or
//! English.
//!
//! Rule: one source of truth. The words are the web UI's own (`web/src/i18n/sv.json` and
//! `en.json`), compiled in, so a spreadsheet or an e-mail says what the screen says; a unit
//! test below reads both files, so a broken one fails the build's tests, not a user's mail.

use std::{collections::HashMap, sync::OnceLock};

type Table = HashMap<String, String>;

static SV: OnceLock<Table> = OnceLock::new();
static EN: OnceLock<Table> = OnceLock::new();

fn table(en: bool) -> &'static Table {
    if en {
        EN.get_or_init(|| parse(include_str!("../../../web/src/i18n/en.json")))
    } else {
        SV.get_or_init(|| parse(include_str!("../../../web/src/i18n/sv.json")))
    }
}

fn parse(json: &str) -> Table {
    serde_json::from_str(json).unwrap_or_default()
}

/// The words under `key` in English (`en`) or Swedish; None when the file has none.
pub fn text(en: bool, key: &str) -> Option<&'static str> {
    table(en).get(key).map(String::as_str)
}

/// The Swedish label of `value` (a stored code such as `on_agenda`) under `prefix`
/// (`status`, `group`, `gathered`); the code itself when there is none.
pub fn sv(prefix: &str, value: &str) -> String {
    text(false, &format!("{prefix}.{}", value.to_uppercase())).unwrap_or(value).to_owned()
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

    #[test]
    fn both_languages_are_read() {
        assert!(table(false).len() > 100 && table(true).len() > 100);
        assert_eq!(text(true, "status.ON_AGENDA"), Some("On the agenda"));
        assert_eq!(text(false, "no.such.key"), None);
    }
}
