//! The committed SDL matches the schema the server builds.

#[test]
fn committed_schema_matches_the_code() -> anyhow::Result<()> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/schema.graphql");
    let committed = std::fs::read_to_string(&path)?;
    let current = samrad::graphql::sdl();
    assert!(
        committed == current,
        "api/schema.graphql is out of date: run `cargo run -p samrad -- schema > api/schema.graphql`"
    );
    Ok(())
}
