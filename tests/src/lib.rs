//! Integration tests of the whole Samråd server live in `tests/api/`, the benchmark in
//! `src/bin/bench/`. What both need is here, so the benchmark measures exactly the
//! requests whose statement counts the tests pin.

/// The meeting-preparation read of one meeting: the meeting, its agenda, its inputs
/// with their agenda items and submitting organisations (4 statements, tested in
/// `tests/api/meetings.rs`; workload (a) of the benchmark).
pub const PREPARATION: &str = "query($id: ID!) { meeting(id: $id) { id title status startsAt endsAt location description agenda { id position kind title minutesAllotted } inputs(first: 50) { pageInfo { hasNextPage endCursor } nodes { id title body status anonymous targetGroups submittedAt agendaItem { id title } organisation { id name kind } } } } }";
