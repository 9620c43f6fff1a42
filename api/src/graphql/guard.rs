//! Limits on a request's document, checked before async-graphql parses or validates it,
//! and on the work its execution may do.
//!
//! Rules kept here:
//! - Nesting of `{`, `[` and `(` is bounded on the raw text before parsing: the parser is
//!   recursive, and deeply nested argument values or selections would overflow its stack
//!   and abort the process before any depth limit sees them.
//! - Fragments are measured after expansion, without expanding: each fragment's size and
//!   depth are computed once and reused, so a document whose fragments spread others
//!   several times is refused in time linear in its length instead of being walked
//!   exponentially by validation and execution. Every field, spread and inline fragment
//!   counts, `__typename` too; the bound holds for the whole document; unknown fragments,
//!   long argument and directive lists and repeated `__typename` are refused.
//! - At execution every resolved field draws on a budget per request and gives the
//!   runtime a chance to run other tasks, so a request timeout really cancels it.

use std::{
    collections::HashMap,
    sync::atomic::{AtomicUsize, Ordering},
};

use async_graphql::{
    ServerError, ServerResult, Value,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
    parser::{
        parse_query,
        types::{ExecutableDocument, OperationType, Selection, SelectionSet},
    },
};

/// Deepest nesting of braces, brackets and parentheses in the raw document.
pub const MAX_NESTING: usize = 48;
/// Longest chain of fragments spreading fragments.
pub const MAX_FRAGMENT_CHAIN: usize = 16;
/// Most selections (fields including `__typename`, spreads, inline fragments) of all
/// operations together after expansion, and of all fragment definitions together.
pub const MAX_EXPANDED_FIELDS: u64 = 2_000;
/// Deepest selection after fragment expansion.
pub const MAX_EXPANDED_DEPTH: u64 = 24;
/// Most fields one request may resolve (lists multiply what the document names).
pub const MAX_RESOLVED_FIELDS: usize = 50_000;
/// Most arguments on one field.
pub const MAX_ARGUMENTS: usize = 32;
/// Most directives on one field, spread or fragment.
pub const MAX_DIRECTIVES: usize = 8;
/// Most variables one operation declares.
pub const MAX_VARIABLES: usize = 64;
/// Most `__typename` selections in one selection set (clients add one).
pub const MAX_TYPENAMES_PER_SELECTION: u64 = 4;

/// A parsed document that passed the limits.
#[derive(Debug)]
pub struct Checked {
    pub document: ExecutableDocument,
    /// Whether any operation in it is a mutation.
    pub holds_mutation: bool,
}

/// Why a document was refused; the message is safe to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Checks the raw text, parses it, and measures the fragments.
pub fn check(query: &str) -> Result<Checked, Refused> {
    check_nesting(query)?;
    let document = parse_query(query).map_err(|e| Refused(e.to_string()))?;
    measure(&document)?;
    let holds_mutation =
        document.operations.iter().any(|(_, op)| op.node.ty == OperationType::Mutation);
    Ok(Checked { document, holds_mutation })
}

/// The variable (or `query`, for a literal in the document) that holds a NUL character.
/// PostgreSQL cannot store NUL in text, and no form has a use for it: it is refused at
/// the edge for every argument alike instead of failing deep in a write.
pub fn nul_character(query: &str, variables: &async_graphql::Variables) -> Option<String> {
    fn in_value(value: &async_graphql::Value) -> bool {
        match value {
            async_graphql::Value::String(s) => s.contains('\0'),
            async_graphql::Value::List(items) => items.iter().any(in_value),
            async_graphql::Value::Object(fields) => {
                fields.iter().any(|(key, value)| key.contains('\0') || in_value(value))
            }
            _ => false,
        }
    }
    if let Some((name, _)) =
        variables.iter().find(|(name, value)| name.contains('\0') || in_value(value))
    {
        return Some(name.to_string());
    }
    escapes_nul(query).then(|| "query".to_owned())
}

/// Whether the text holds NUL, raw or as a `\u0000` / `\u{0}` escape.
fn escapes_nul(query: &str) -> bool {
    if query.contains('\0') {
        return true;
    }
    let bytes = query.as_bytes();
    bytes.windows(2).enumerate().any(|(i, w)| {
        if w != b"\\u" {
            return false;
        }
        let rest = &bytes[i + 2..];
        if let Some(braced) = rest.strip_prefix(b"{") {
            let digits: Vec<u8> =
                braced.iter().copied().take_while(u8::is_ascii_hexdigit).collect();
            !digits.is_empty()
                && digits.iter().all(|d| *d == b'0')
                && braced.get(digits.len()) == Some(&b'}')
        } else {
            rest.len() >= 4 && rest[..4].iter().all(|d| *d == b'0')
        }
    })
}

/// Refuses nesting deeper than [`MAX_NESTING`], skipping strings and comments.
fn check_nesting(query: &str) -> Result<(), Refused> {
    let bytes = query.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    i += if bytes[i..].starts_with(b"\\\"\"\"") { 4 } else { 1 };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Refused(format!(
                        "the document is nested deeper than {MAX_NESTING} levels"
                    )));
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Size {
    /// Selections after expansion: every field, fragment spread and inline fragment
    /// counts one, so a fragment of nothing but spreads is not free.
    selections: u64,
    depth: u64,
    /// `__typename` selections at this level (through spreads and inline fragments).
    typenames: u64,
}

enum Memo {
    InProgress,
    Done(Size),
}

struct Measure<'a> {
    document: &'a ExecutableDocument,
    fragments: HashMap<&'a str, Memo>,
}

fn measure(document: &ExecutableDocument) -> Result<(), Refused> {
    let mut m = Measure { document, fragments: HashMap::new() };
    // Validation walks every operation and every fragment definition, some of them
    // more than once: the limits hold for the sums, not for each alone.
    let mut operations = 0u64;
    for (_, op) in document.operations.iter() {
        if op.node.variable_definitions.len() > MAX_VARIABLES {
            return Err(Refused(format!(
                "an operation declares more than {MAX_VARIABLES} variables"
            )));
        }
        let size = m.selection_set(&op.node.selection_set.node, 0)?;
        within_depth(size)?;
        operations = operations.saturating_add(size.selections);
    }
    let mut fragments = 0u64;
    for name in document.fragments.keys() {
        let size = m.fragment(name.as_str(), 0)?;
        within_depth(size)?;
        fragments = fragments.saturating_add(size.selections);
    }
    if operations > MAX_EXPANDED_FIELDS || fragments > MAX_EXPANDED_FIELDS {
        return Err(Refused(format!(
            "the document selects more than {MAX_EXPANDED_FIELDS} fields once fragments are expanded"
        )));
    }
    Ok(())
}

fn within_depth(size: Size) -> Result<(), Refused> {
    if size.depth > MAX_EXPANDED_DEPTH {
        return Err(Refused(format!(
            "the query is nested deeper than {MAX_EXPANDED_DEPTH} levels once fragments are expanded"
        )));
    }
    Ok(())
}

fn few_directives(count: usize) -> Result<(), Refused> {
    if count > MAX_DIRECTIVES {
        return Err(Refused(format!("more than {MAX_DIRECTIVES} directives on one selection")));
    }
    Ok(())
}

impl<'a> Measure<'a> {
    fn fragment(&mut self, name: &'a str, chain: usize) -> Result<Size, Refused> {
        match self.fragments.get(name) {
            Some(Memo::Done(size)) => return Ok(*size),
            Some(Memo::InProgress) => {
                return Err(Refused(format!("fragment {name} spreads itself")));
            }
            None => {}
        }
        if chain >= MAX_FRAGMENT_CHAIN {
            return Err(Refused(format!(
                "fragments spread each other more than {MAX_FRAGMENT_CHAIN} levels deep"
            )));
        }
        // async-graphql expands spreads before validation names unknown fragments, so an
        // unknown one is refused here, before anything walks it.
        let Some(definition) = self.document.fragments.get(name) else {
            return Err(Refused(format!("unknown fragment {name}")));
        };
        few_directives(definition.node.directives.len())?;
        self.fragments.insert(name, Memo::InProgress);
        let size = self.selection_set(&definition.node.selection_set.node, chain + 1)?;
        self.fragments.insert(name, Memo::Done(size));
        Ok(size)
    }

    fn selection_set(&mut self, set: &'a SelectionSet, chain: usize) -> Result<Size, Refused> {
        let mut total = Size { selections: 0, depth: 0, typenames: 0 };
        for item in &set.items {
            let size = match &item.node {
                Selection::Field(field) => {
                    if field.node.arguments.len() > MAX_ARGUMENTS {
                        return Err(Refused(format!(
                            "more than {MAX_ARGUMENTS} arguments on one field"
                        )));
                    }
                    few_directives(field.node.directives.len())?;
                    let children = self.selection_set(&field.node.selection_set.node, chain)?;
                    Size {
                        selections: children.selections.saturating_add(1),
                        depth: children.depth + 1,
                        typenames: u64::from(field.node.name.node.as_str() == "__typename"),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    few_directives(spread.node.directives.len())?;
                    let inner = self.fragment(spread.node.fragment_name.node.as_str(), chain)?;
                    Size { selections: inner.selections.saturating_add(1), ..inner }
                }
                Selection::InlineFragment(inline) => {
                    few_directives(inline.node.directives.len())?;
                    let inner = self.selection_set(&inline.node.selection_set.node, chain)?;
                    Size { selections: inner.selections.saturating_add(1), ..inner }
                }
            };
            total.selections = total.selections.saturating_add(size.selections);
            total.depth = total.depth.max(size.depth);
            total.typenames = total.typenames.saturating_add(size.typenames);
            // Stop early: a huge count is already enough to refuse.
            if total.selections > MAX_EXPANDED_FIELDS {
                return Err(Refused(format!(
                    "the document selects more than {MAX_EXPANDED_FIELDS} fields once fragments are expanded"
                )));
            }
        }
        // `__typename` is answered without a resolver, so the field budget cannot see it;
        // aliased many times in a list's items it would multiply unseen.
        if total.typenames > MAX_TYPENAMES_PER_SELECTION {
            return Err(Refused(format!(
                "more than {MAX_TYPENAMES_PER_SELECTION} __typename selections in one selection set"
            )));
        }
        Ok(total)
    }
}

/// Counts resolved fields per request and yields to the runtime as it goes.
pub struct FieldBudget;

impl ExtensionFactory for FieldBudget {
    fn create(&self) -> std::sync::Arc<dyn Extension> {
        std::sync::Arc::new(FieldBudgetExtension { resolved: AtomicUsize::new(0) })
    }
}

struct FieldBudgetExtension {
    resolved: AtomicUsize,
}

#[async_trait::async_trait]
impl Extension for FieldBudgetExtension {
    async fn resolve(
        &self, ctx: &ExtensionContext<'_>, info: ResolveInfo<'_>, next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        // A subscription is one long request that resolves its root field once per event:
        // each event gets the budget afresh, or a live connection would stop after a
        // while.
        let subscription = ctx.schema_env.registry.subscription_type.as_deref();
        if info.path_node.parent.is_none() && subscription == Some(info.parent_type) {
            self.resolved.store(0, Ordering::Relaxed);
        }
        if self.resolved.fetch_add(1, Ordering::Relaxed) >= MAX_RESOLVED_FIELDS {
            return Err(ServerError::new(
                format!("the request resolves more than {MAX_RESOLVED_FIELDS} fields"),
                None,
            ));
        }
        // Without a yield point a request that never waits on I/O could not be cancelled
        // by the timeout, and would hold a worker thread until it finished.
        tokio::task::coop::consume_budget().await;
        next.run(ctx, info).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_argument_lists_are_refused_before_parsing() {
        let query = format!("{{ a(x: {}1{}) }}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(check(&query).is_err());
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let nested = "[".repeat(200);
        let query =
            format!("# {nested}\n{{ a(x: \"{nested}\", y: \"\"\"{nested}\"\"\") {{ b }} }}");
        assert!(check(&query).is_ok());
    }

    #[test]
    fn nul_characters_are_found_in_literals_and_variables() {
        let none = async_graphql::Variables::default();
        assert_eq!(nul_character(r#"{ a(x: "a\u0000b") }"#, &none).as_deref(), Some("query"));
        assert_eq!(nul_character(r#"{ a(x: "a\u{00}b") }"#, &none).as_deref(), Some("query"));
        assert_eq!(nul_character(r#"{ a(x: "a\u00e5b") }"#, &none), None);
        let variables = async_graphql::Variables::from_json(
            serde_json::json!({ "ok": "fine", "input": { "list": ["x", "y\u{0}z"] } }),
        );
        assert_eq!(nul_character("{ a }", &variables).as_deref(), Some("input"));
    }

    #[test]
    fn exponential_fragments_are_refused_in_linear_time() {
        let mut query = String::from("query { ...F0 }\n");
        for i in 0..15 {
            let next = i + 1;
            query.push_str(&format!("fragment F{i} on QueryRoot {{ ...F{next} ...F{next} a }}\n"));
        }
        query.push_str("fragment F15 on QueryRoot { a }\n");
        let refused = check(&query).err();
        assert!(refused.as_ref().is_some_and(|r| r.0.contains("selects more than")), "{refused:?}");
    }

    #[test]
    fn fragments_of_nothing_but_spreads_are_not_free() {
        // 16 spreads on each of 14 levels and then an unknown fragment: 16^14 steps for
        // anything that expands it, whatever it selects in the end.
        let mut query = String::from("{ ...A0 }\n");
        for i in 0..14 {
            let spreads = format!("...A{} ", i + 1).repeat(16);
            query.push_str(&format!("fragment A{i} on QueryRoot {{ {spreads}}}\n"));
        }
        query.push_str("fragment A14 on QueryRoot { ...X }\n");
        assert!(check(&query).is_err());
        assert!(check("{ ...Nowhere }").is_err(), "unknown fragment");
    }

    #[test]
    fn the_limits_hold_for_the_whole_document() {
        let fields = "a ".repeat(100);
        let mut query = format!("fragment F on QueryRoot {{ {fields} }}\n");
        for i in 0..30 {
            query.push_str(&format!("query q{i} {{ ...F }}\n"));
        }
        assert!(check(&query).is_err(), "30 operations of 100 fields each");
        let args: String = (0..40).map(|i| format!("x{i}: 1 ")).collect();
        assert!(check(&format!("{{ a({args}) }}")).is_err(), "40 arguments");
        let vars: String = (0..70).map(|i| format!("$v{i}: Int ")).collect();
        assert!(check(&format!("query({vars}) {{ a }}")).is_err(), "70 variables");
        let typenames: String = (0..5).map(|i| format!("t{i}: __typename ")).collect();
        assert!(check(&format!("{{ list {{ {typenames} }} }}")).is_err());
        assert!(check("{ list { __typename id } __typename }").is_ok());
    }

    #[test]
    fn fragment_cycles_and_long_chains_are_refused() {
        assert!(check("query { ...A } fragment A on Q { ...B } fragment B on Q { ...A }").is_err());
        let mut query = String::from("query { ...F0 }\n");
        for i in 0..40 {
            query.push_str(&format!("fragment F{i} on Q {{ ...F{} }}\n", i + 1));
        }
        query.push_str("fragment F40 on Q { a }\n");
        assert!(check(&query).is_err());
    }

    #[test]
    fn ordinary_documents_pass_and_mutations_are_recognised() {
        let mutation = check("mutation { login(email: \"a\", password: \"b\") { accessToken } }");
        assert!(mutation.is_ok_and(|c| c.holds_mutation));
        let query =
            check("query Q { me { ...U } } fragment U on User { id displayName seats { role } }");
        assert!(query.is_ok_and(|c| !c.holds_mutation));
    }
}

#[cfg(test)]
mod execution_tests {
    use std::time::Duration;

    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema, SimpleObject};

    use super::*;

    #[derive(SimpleObject)]
    struct Item {
        value: i32,
    }

    struct Query;

    #[Object]
    impl Query {
        async fn items(&self, n: i32) -> Vec<Item> {
            (0..n).map(|value| Item { value }).collect()
        }
    }

    fn schema() -> Schema<Query, EmptyMutation, EmptySubscription> {
        Schema::build(Query, EmptyMutation, EmptySubscription).extension(FieldBudget).finish()
    }

    #[tokio::test]
    async fn a_request_may_resolve_only_so_many_fields() {
        let n = MAX_RESOLVED_FIELDS + 10;
        let response = schema().execute(format!("{{ items(n: {n}) {{ value }} }}")).await;
        assert!(
            response.errors.iter().any(|e| e.message.contains("resolves more than")),
            "{:?}",
            response.errors.first()
        );
        let response = schema().execute("{ items(n: 100) { value } }").await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
    }

    #[tokio::test]
    async fn a_timeout_cancels_execution_that_never_waits_on_io() {
        // 40,000 fields resolve without a single await on I/O; without yield points the
        // timeout would only be looked at after the last one.
        let elapsed = tokio::time::timeout(
            Duration::from_millis(1),
            schema().execute("{ items(n: 40000) { value } }"),
        )
        .await;
        assert!(elapsed.is_err(), "execution ran to its end");
    }
}
