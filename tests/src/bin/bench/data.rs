//! Deterministic benchmark data, written through the real schema (the server's own
//! migrations run first) with multi-row inserts.
//!
//! Size S: 50 organisations, 10 councils × 100 meetings, 10 agenda items and 50 inputs
//! per meeting (1,000 meetings, 10,000 items, 50,000 inputs, each input with its history
//! event), a regional network of 8 members with 20 pictures each. Size M: ten times all
//! of it. The bench user sits for the police in the first ten councils and in the
//! network at both sizes, so what it reads per request is the same and only the tables
//! around it grow.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use entity::{
    affiliation, agenda_item, app_user, council, input, input_event, membership, organisation,
    picture_entry, picture_share, place, seat, situation_picture,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection,
    EntityTrait, TransactionTrait,
};
use uuid::Uuid;

pub const EMAIL: &str = "analytiker@bench.samrad.test";
pub const PASSWORD: &str = "bänkprov-2026-lösen";

/// The bench user's organisation gives this many inputs per meeting of its councils.
const POLICE_INPUTS_PER_MEETING: u64 = 5;

const ORG: u32 = 0x01;
const USER: u32 = 0x02;
const AFFILIATION: u32 = 0x03;
const COUNCIL: u32 = 0x04;
const MEMBERSHIP: u32 = 0x05;
const SEAT: u32 = 0x06;
pub const MEETING_TAG: u32 = 0x0b;
const AGENDA: u32 = 0x0c;
const INPUT: u32 = 0x0d;
const EVENT: u32 = 0x0e;
const PLACE: u32 = 0x10;
const PICTURE: u32 = 0x11;
const SHARE: u32 = 0x12;
const ENTRY: u32 = 0x13;

/// An id made of a table tag and a number, so scripts can compute ids (`pgbench`).
pub fn id(tag: u32, n: u64) -> Uuid {
    Uuid::from_u128((u128::from(tag) << 96) | u128::from(n))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub name: &'static str,
    pub factor: u64,
}

pub const S: Size = Size { name: "S", factor: 1 };
pub const M: Size = Size { name: "M", factor: 10 };
/// A tiny size for the CI smoke run.
pub const XS: Size = Size { name: "XS", factor: 0 };

/// What was generated, for the workloads and the report.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub size: Size,
    pub user_id: Uuid,
    pub police: Uuid,
    pub network: Uuid,
    pub bench_meetings: u64,
    pub organisations: u64,
    pub meetings: u64,
    pub agenda_items: u64,
    pub inputs: u64,
    pub pictures: u64,
}

const TEXT: &str = "Trygghetsvandringen i centrum visade att belysningen vid gångtunneln och \
parkeringen är bristfällig. Ungdomar vi träffade beskriver att de undviker platsen efter \
mörkrets inbrott. Föreningarna i området vill se fler vuxna på plats under helgkvällar och \
ett samarbete med fastighetsägarna om klotter och nedskräpning.";

/// An enumerated column's value from its stored spelling (the generator's own constants).
fn code<T: ActiveEnum<Value = String>>(spelling: &str) -> T {
    T::try_from_value(&spelling.to_owned())
        .unwrap_or_else(|e| panic!("the generator spells {spelling:?} wrong: {e}"))
}

fn at(days: i64, hours: i64) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2030, 1, 7, 8, 0, 0).single().unwrap_or_default();
    base + Duration::days(days) + Duration::hours(hours)
}

fn past(days: i64) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 1, 2, 9, 0, 0).single().unwrap_or_default();
    base + Duration::days(days)
}

fn day(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default() + Duration::days(days)
}

/// Inserts `rows` in chunks in one transaction.
async fn insert<A>(db: &DatabaseConnection, rows: Vec<A>, chunk: usize) -> anyhow::Result<()>
where
    A: ActiveModelTrait + Send,
{
    let txn = db.begin().await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(chunk).collect();
        <A::Entity as EntityTrait>::insert_many(batch).exec_without_returning(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

const KINDS: [&str; 10] = [
    "municipality",
    "municipality",
    "region",
    "county_administrative_board",
    "business",
    "civil_society",
    "academia",
    "housing_company",
    "rescue_service",
    "youth_council",
];

/// Generates the data set into a migrated, empty database.
pub async fn generate(
    db: &DatabaseConnection, size: Size, password_hash: &str,
) -> anyhow::Result<Dataset> {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let f = size.factor.max(1);
    let bench_councils: u64 = if size.factor == 0 { 2 } else { 10 };
    let meetings_per_council: u64 = if size.factor == 0 { 10 } else { 100 };
    let org_count = 50 * f;
    let council_count = if size.factor == 0 { 2 } else { 10 * f };
    let created = past(0);

    // Organisations: 0 is the police (the bench user's), the rest cycle through kinds.
    let kind = |n: u64| {
        if n == 0 { "police_region" } else { KINDS[(n % 10) as usize] }
    };
    let orgs: Vec<organisation::ActiveModel> =
        (0..org_count)
            .map(|n| organisation::ActiveModel {
                id: Set(id(ORG, n)),
                name: Set(if n == 0 {
                    "Polisregion Bänk".to_owned()
                } else {
                    format!("Organisation {n} ({})", kind(n))
                }),
                kind: Set(code(kind(n))),
                parent_id: Set(None),
                municipality_code: Set(
                    (kind(n) == "municipality").then(|| format!("{:04}", n % 10000))
                ),
                created_at: Set(created),
                updated_at: Set(created),
            })
            .collect();
    insert(db, orgs, 1000).await?;

    // One user per organisation (authors) plus the bench user (number org_count).
    let user_id = id(USER, org_count);
    let users: Vec<app_user::ActiveModel> = (0..=org_count)
        .map(|n| app_user::ActiveModel {
            id: Set(id(USER, n)),
            email: Set(if n == org_count {
                EMAIL.to_owned()
            } else {
                format!("person{n}@bench.samrad.test")
            }),
            password_hash: Set(password_hash.to_owned()),
            display_name: Set(format!("Person {n}")),
            locale: Set(code("sv")),
            is_platform_admin: Set(false),
            disabled_at: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
        })
        .collect();
    insert(db, users, 1000).await?;
    let affiliations: Vec<affiliation::ActiveModel> = (0..=org_count)
        .map(|n| affiliation::ActiveModel {
            id: Set(id(AFFILIATION, n)),
            user_id: Set(id(USER, n)),
            organisation_id: Set(id(ORG, if n == org_count { 0 } else { n })),
            title: Set(None),
            created_at: Set(created),
        })
        .collect();
    insert(db, affiliations, 1000).await?;

    // Councils: each hosted by a municipality, with eight other members and a youth
    // council as advisory body; the first ones have the police as a member. The last
    // council is the regional network.
    let network_n = council_count;
    let municipalities: Vec<u64> = (1..org_count).filter(|n| n % 10 <= 1).collect();
    let others: Vec<u64> = (1..org_count).filter(|n| n % 10 >= 2 && n % 10 <= 8).collect();
    let youth: Vec<u64> = (1..org_count).filter(|n| n % 10 == 9).collect();
    let mut councils = vec![];
    let mut memberships = vec![];
    let mut members_of: Vec<Vec<u64>> = vec![];
    let mut membership_n = 0u64;
    let mut add_member =
        |memberships: &mut Vec<membership::ActiveModel>, c: u64, org: u64, role: &str| {
            memberships.push(membership::ActiveModel {
                id: Set(id(MEMBERSHIP, membership_n)),
                council_id: Set(id(COUNCIL, c)),
                organisation_id: Set(id(ORG, org)),
                role: Set(code(role)),
                joined_on: Set(day(0)),
                left_on: Set(None),
                created_at: Set(created),
            });
            membership_n += 1;
        };
    for c in 0..council_count {
        let host = municipalities[(c as usize) % municipalities.len()];
        councils.push(council::ActiveModel {
            id: Set(id(COUNCIL, c)),
            name: Set(format!("Trygghetsråd {c}")),
            kind: Set(code("safety_council")),
            host_organisation_id: Set(id(ORG, host)),
            meetings_per_year: Set(4),
            description: Set("Samverkan för trygghet".to_owned()),
            created_at: Set(created),
            updated_at: Set(created),
        });
        add_member(&mut memberships, c, host, "host");
        let mut members = vec![host];
        if c < bench_councils {
            add_member(&mut memberships, c, 0, "member");
            members.push(0);
        }
        let mut k = 0;
        while members.len() < 10 && k < others.len() {
            let org = others[(c as usize * 7 + k) % others.len()];
            if !members.contains(&org) {
                add_member(&mut memberships, c, org, "member");
                members.push(org);
            }
            k += 1;
        }
        add_member(&mut memberships, c, youth[(c as usize) % youth.len()], "advisory");
        members_of.push(members);
    }
    councils.push(council::ActiveModel {
        id: Set(id(COUNCIL, network_n)),
        name: Set("Regionalt nätverk Bänk".to_owned()),
        kind: Set(code("regional_network")),
        host_organisation_id: Set(id(ORG, 0)),
        meetings_per_year: Set(2),
        description: Set("Lägesbilder mellan kommuner och polis".to_owned()),
        created_at: Set(created),
        updated_at: Set(created),
    });
    let network_members: Vec<u64> =
        std::iter::once(0).chain(municipalities.iter().copied().take(7)).collect();
    for &org in &network_members {
        add_member(&mut memberships, network_n, org, "member");
    }
    insert(db, councils, 1000).await?;
    insert(db, memberships, 1000).await?;
    let seats: Vec<seat::ActiveModel> = (0..bench_councils)
        .chain(std::iter::once(network_n))
        .enumerate()
        .map(|(n, c)| seat::ActiveModel {
            id: Set(id(SEAT, n as u64)),
            council_id: Set(id(COUNCIL, c)),
            user_id: Set(user_id),
            organisation_id: Set(Some(id(ORG, 0))),
            role: Set(code("representative")),
            started_on: Set(day(0)),
            ended_on: Set(None),
            created_at: Set(created),
        })
        .collect();
    insert(db, seats, 1000).await?;

    // Meetings, agenda items, inputs and their history, council by council.
    let statuses = ["submitted", "acknowledged", "answered", "on_agenda"];
    let groups = [
        "[\"youth\"]",
        "[\"district_residents\",\"elderly\"]",
        "[]",
        "[\"girls_and_young_women\",\"students\"]",
    ];
    let mut meetings_total = 0;
    let mut items_total = 0;
    let mut inputs_total = 0;
    for c in 0..council_count {
        let members = &members_of[c as usize];
        let mut meetings = vec![];
        let mut items = vec![];
        let mut inputs = vec![];
        let mut events = vec![];
        for k in 0..meetings_per_council {
            let n = c * meetings_per_council + k;
            let starts = at((k * 18) as i64, (c % 5) as i64);
            meetings.push(entity::meeting::ActiveModel {
                id: Set(id(MEETING_TAG, n)),
                council_id: Set(id(COUNCIL, c)),
                theme_id: Set(None),
                title: Set(format!("Tema {k}: trygghet i centrum")),
                description: Set(
                    "Förberedelse inför rådets möte med lägesbild och inspel från medlemmarna."
                        .to_owned(),
                ),
                starts_at: Set(starts),
                ends_at: Set(starts + Duration::hours(2)),
                location: Set(Some("Stadshuset, sal 3".to_owned())),
                online_url: Set(None),
                input_opens_at: Set(Some(past(0))),
                input_deadline: Set(Some(starts - Duration::days(7))),
                status: Set(code("scheduled")),
                cancel_reason: Set(None),
                version: Set(1),
                sequence: Set(0),
                created_at: Set(created),
                updated_at: Set(created),
            });
            for j in 0..10u64 {
                items.push(agenda_item::ActiveModel {
                    id: Set(id(AGENDA, n * 10 + j)),
                    meeting_id: Set(id(MEETING_TAG, n)),
                    position: Set(j as i32 + 1),
                    kind: Set(code(["information", "discussion", "decision"][(j % 3) as usize])),
                    title: Set(format!("Punkt {}: lägesbild och åtgärder", j + 1)),
                    description: Set("Underlag skickas ut en vecka före mötet.".to_owned()),
                    presenter_organisation_id: Set(Some(id(
                        ORG,
                        members[(j as usize) % members.len()],
                    ))),
                    minutes_allotted: Set(10),
                    decision: Set(None),
                    created_at: Set(created),
                });
            }
            for j in 0..50u64 {
                let i = n * 50 + j;
                let police_input = c < bench_councils && j % (50 / POLICE_INPUTS_PER_MEETING) == 0;
                let org =
                    if police_input { 0 } else { members[1 + (j as usize) % (members.len() - 1)] };
                let status = if j % 20 == 19 {
                    "draft"
                } else {
                    statuses[rng.random_range(0..statuses.len())]
                };
                let submitted = past(rng.random_range(0..300));
                inputs.push(input::ActiveModel {
                    id: Set(id(INPUT, i)),
                    council_id: Set(id(COUNCIL, c)),
                    meeting_id: Set(Some(id(MEETING_TAG, n))),
                    agenda_item_id: Set(Some(id(AGENDA, n * 10 + j % 10))),
                    theme_id: Set(None),
                    organisation_id: Set(id(ORG, org)),
                    author_user_id: Set(Some(id(USER, org))),
                    author_name: Set(None),
                    invitation_id: Set(None),
                    title: Set(format!("Inspel {j} om trygghet")),
                    body: Set(TEXT.to_owned()),
                    target_groups: Set(groups[(j % 4) as usize].to_owned()),
                    district: Set(Some(format!("Stadsdel {}", j % 7))),
                    gathered_by: Set(code("dialogue_meeting")),
                    status: Set(code(status)),
                    anonymous: Set(j % 10 == 3),
                    late_allowed: Set(false),
                    hidden_reason: Set((j % 25 == 24).then(|| "Personuppgifter".to_owned())),
                    redacted_body: Set(None),
                    answer: Set(
                        (status == "answered").then(|| "Tack, tas upp på mötet.".to_owned())
                    ),
                    decline_reason: Set(None),
                    submitted_at: Set((status != "draft").then_some(submitted)),
                    answered_at: Set(
                        (status == "answered").then_some(submitted + Duration::days(5))
                    ),
                    receipt_hash: Set(None),
                    created_at: Set(submitted),
                    updated_at: Set(submitted),
                });
                events.push(input_event::ActiveModel {
                    id: Set(id(EVENT, i)),
                    input_id: Set(id(INPUT, i)),
                    at: Set(submitted),
                    actor_user_id: Set(Some(id(USER, org))),
                    action: Set("create".to_owned()),
                    from_status: Set(None),
                    to_status: Set(code(status)),
                    note: Set(None),
                });
            }
        }
        meetings_total += meetings.len() as u64;
        items_total += items.len() as u64;
        inputs_total += inputs.len() as u64;
        insert(db, meetings, 1000).await?;
        insert(db, items, 1000).await?;
        insert(db, inputs, 1000).await?;
        insert(db, events, 1000).await?;
    }

    // The regional network's situation pictures: 20 per member, 6 entries each.
    let pictures_per_member = 20 * f;
    let places_per_member = 10 * f;
    let mut places = vec![];
    let mut pictures = vec![];
    let mut shares = vec![];
    let mut entries = vec![];
    let categories =
        ["drug_dealing", "violence", "vandalism", "public_disorder", "unsafe_environment"];
    let trends = ["rising", "stable", "falling"];
    for (m, &org) in network_members.iter().enumerate() {
        let m = m as u64;
        for p in 0..places_per_member {
            let n = m * places_per_member + p;
            places.push(place::ActiveModel {
                id: Set(id(PLACE, n)),
                owner_organisation_id: Set(id(ORG, org)),
                name: Set(format!("Torget {n}")),
                district: Set(Some(format!("Stadsdel {}", p % 7))),
                municipality_code: Set(None),
                latitude: Set(60.0 + (n as f64) * 0.001),
                longitude: Set(17.0 + (n as f64) * 0.001),
                follow_ups_per_year: Set(None),
                created_at: Set(created),
            });
        }
        for p in 0..pictures_per_member {
            let n = m * pictures_per_member + p;
            let published = past((p % 300) as i64) + Duration::minutes(m as i64);
            pictures.push(situation_picture::ActiveModel {
                id: Set(id(PICTURE, n)),
                author_organisation_id: Set(id(ORG, org)),
                area: Set(format!("Centrum, område {p}")),
                period_start: Set(day(p as i64)),
                period_end: Set(day(p as i64 + 30)),
                status: Set(code("published")),
                classification: Set(code(if p % 2 == 0 { "council" } else { "open" })),
                summary: Set("Oro kring kvällstid vid torget; insatser pågår.".to_owned()),
                partnership_council_id: Set(None),
                published_at: Set(Some(published)),
                superseded_by: Set(None),
                created_by: Set(id(USER, org)),
                created_at: Set(published),
                updated_at: Set(published),
            });
            shares.push(picture_share::ActiveModel {
                id: Set(id(SHARE, n)),
                picture_id: Set(id(PICTURE, n)),
                council_id: Set(Some(id(COUNCIL, network_n))),
                organisation_id: Set(None),
            });
            for e in 0..6u64 {
                entries.push(picture_entry::ActiveModel {
                    id: Set(id(ENTRY, n * 6 + e)),
                    picture_id: Set(id(PICTURE, n)),
                    place_id: Set(id(PLACE, m * places_per_member + (p + e) % places_per_member)),
                    category: Set(code(categories[((p + e) % 5) as usize])),
                    trend: Set(code(trends[rng.random_range(0..3)])),
                    perceived_safety: Set(rng.random_range(1..=5)),
                    suspected_causes: Set("Mörker och få vuxna i rörelse".to_owned()),
                    measures: Set("Belysning, trygghetsvandring".to_owned()),
                    responsible_organisation_id: Set(Some(id(ORG, org))),
                });
            }
        }
    }
    let picture_count = pictures.len() as u64;
    insert(db, places, 1000).await?;
    insert(db, pictures, 1000).await?;
    insert(db, shares, 1000).await?;
    insert(db, entries, 1000).await?;
    // Fresh statistics, as a database would have after autovacuum.
    db.execute_unprepared("ANALYZE").await?;
    Ok(Dataset {
        size,
        user_id,
        police: id(ORG, 0),
        network: id(COUNCIL, network_n),
        bench_meetings: bench_councils * meetings_per_council,
        organisations: org_count,
        meetings: meetings_total,
        agenda_items: items_total,
        inputs: inputs_total,
        pictures: picture_count,
    })
}
