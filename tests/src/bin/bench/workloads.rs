//! The four workloads as GraphQL requests.

use hyper::body::Bytes;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use uuid::Uuid;

use samrad_tests::PREPARATION;

use crate::{
    data::{MEETING_TAG, id},
    load::Workload,
};

pub const INPUT_PAGE: &str = "query($after: String) { myInputs(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id title status submittedAt meeting { id title } organisation { id name } } } }";
pub const SUBMIT: &str =
    "mutation($input: CreateInputInput!) { createInput(input: $input) { id status submittedAt } }";
pub const REGIONAL: &str = "query($id: ID!) { regionalView(councilId: $id) { organisation { id name } picture { id area publishedAt classification } categories { category rising stable falling } } }";

fn body(query: &str, variables: Value) -> Bytes {
    Bytes::from(json!({ "query": query, "variables": variables }).to_string())
}

/// A random meeting of the bench user's councils.
pub fn meeting(rng: &mut ChaCha8Rng, meetings: u64) -> Uuid {
    id(MEETING_TAG, rng.random_range(0..meetings))
}

pub struct Preparation {
    pub meetings: u64,
}

impl Workload for Preparation {
    fn body(&self, rng: &mut ChaCha8Rng) -> Bytes {
        body(PREPARATION, json!({ "id": meeting(rng, self.meetings) }))
    }
}

/// A page of the user's inputs: the first, or the one after `after`.
pub struct InputPage {
    pub after: Option<String>,
}

impl Workload for InputPage {
    fn body(&self, _rng: &mut ChaCha8Rng) -> Bytes {
        body(INPUT_PAGE, json!({ "after": self.after }))
    }
}

/// An input submitted at once (`createInput` with `submit: true`) to a random meeting.
pub struct Submit {
    pub meetings: u64,
}

impl Workload for Submit {
    fn body(&self, rng: &mut ChaCha8Rng) -> Bytes {
        let n: u32 = rng.random();
        body(
            SUBMIT,
            json!({ "input": {
                "meetingId": meeting(rng, self.meetings),
                "submit": true,
                "content": {
                    "title": format!("Inspel från bänkprovet {n}"),
                    "body": "Föreningarna i området ser fler unga i centrum sena kvällar och vill ha fler vuxna på plats.",
                    "targetGroups": ["YOUTH"],
                    "gatheredBy": "DIALOGUE_MEETING"
                }
            } }),
        )
    }

    fn acknowledged(&self, answer: &Value) -> Option<String> {
        answer.pointer("/data/createInput/id").and_then(Value::as_str).map(str::to_owned)
    }
}

/// The regional network's members side by side.
pub struct Regional {
    pub network: Uuid,
}

impl Workload for Regional {
    fn body(&self, _rng: &mut ChaCha8Rng) -> Bytes {
        body(REGIONAL, json!({ "id": self.network }))
    }
}
