//! Demo data from the source documents: real organisation names, invented people.
//!
//! Göteborgs Stads trygghetsråd (seed 004), the Gävle citizen-promise partnership with
//! the local police area Gästrikland (seed 002) and the regional network of Gävle,
//! Uppsala and Västerås with Polisregion Mitt (seed 003). One login per role.

use crate::domain::types::{
    ActionStatus, ActiveEnum, AgendaItemKind, Classification, Locale, MeetingStatus, MinutesStatus,
    PictureStatus, PlaceCategory, Trend,
};
use chrono::{NaiveDate, Utc};
use entity::{affiliation, app_user, council, membership, organisation, seat};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use uuid::Uuid;

use crate::{
    auth::password::PasswordHasher,
    domain::types::{CouncilKind, MembershipRole, OrganisationKind as K, SeatRole},
};

/// The password of every demo login.
pub const DEMO_PASSWORD: &str = "samrad-demo-2026";

/// Demo logins: email, what the login shows.
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("admin@samrad.example", "plattformsadministratör"),
    (
        "sekretariat@goteborg.example",
        "sekretariat, Göteborgs Stads trygghetsråd",
    ),
    (
        "ordforande@goteborg.example",
        "ordförande, Göteborgs Stads trygghetsråd",
    ),
    (
        "polis@vast.example",
        "ledamot för Polisregion Väst i trygghetsrådet",
    ),
    (
        "ungdom@goteborg.example",
        "ungdomsfullmäktige (rådgivande organ) i trygghetsrådet",
    ),
    (
        "analytiker@gavle.example",
        "sekretariat för medborgarlöftena i Gävle, ledamot i det regionala nätverket",
    ),
    (
        "polis@gastrikland.example",
        "lokalpolisområde Gästrikland i medborgarlöftena och nätverket",
    ),
    (
        "utomstaende@example.org",
        "inloggad men utan plats i något råd",
    ),
];

/// Prints the demo logins to standard output.
pub fn print_demo_logins() {
    println!("\nSamråd demo logins (password: {DEMO_PASSWORD}):");
    for (email, role) in DEMO_LOGINS {
        println!("  {email:<32} {role}");
    }
    println!();
}

/// A demo person: login, name, admin flag, organisation, title and seats.
struct Person {
    email: &'static str,
    name: &'static str,
    admin: bool,
    org: Uuid,
    title: &'static str,
    seats: Vec<(Uuid, SeatRole, Option<Uuid>)>,
}

impl Person {
    fn new(
        email: &'static str,
        name: &'static str,
        admin: bool,
        org: Uuid,
        title: &'static str,
        seats: Vec<(Uuid, SeatRole, Option<Uuid>)>,
    ) -> Self {
        Self {
            email,
            name,
            admin,
            org,
            title,
            seats,
        }
    }
}

struct Orgs(Vec<organisation::ActiveModel>);

impl Orgs {
    fn add(&mut self, name: &str, kind: K, parent: Option<Uuid>, code: Option<&str>) -> Uuid {
        let id = Uuid::now_v7();
        let now = Utc::now();
        self.0.push(organisation::ActiveModel {
            id: Set(id),
            name: Set(name.to_owned()),
            kind: Set(kind),
            parent_id: Set(parent),
            municipality_code: Set(code.map(str::to_owned)),
            created_at: Set(now),
            updated_at: Set(now),
        });
        id
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Fills an empty database; returns false (and changes nothing) if it holds data.
pub async fn seed_demo(db: &DatabaseConnection, hasher: &PasswordHasher) -> anyhow::Result<bool> {
    if organisation::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let hash = hasher
        .hash(DEMO_PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let txn = crate::db::begin_write(db).await?;
    let mut o = Orgs(vec![]);
    let goteborg = o.add("Göteborgs Stad", K::Municipality, None, Some("1480"));
    let region_vast = o.add("Polisregion Väst", K::PoliceRegion, None, None);
    let lansstyrelsen = o.add(
        "Länsstyrelsen Västra Götaland",
        K::CountyAdministrativeBoard,
        None,
        None,
    );
    let forsvarsmakten = o.add("Försvarsmakten", K::ArmedForces, None, None);
    let vgr = o.add("Västra Götalandsregionen", K::Region, None, None);
    let gu = o.add("Göteborgs universitet", K::Academia, None, None);
    let handelskammaren = o.add("Västsvenska Handelskammaren", K::Business, None, None);
    let stadsmissionen = o.add("Göteborgs Stadsmission", K::CivilSociety, None, None);
    let raddningsmissionen = o.add("Göteborgs Räddningsmission", K::CivilSociety, None, None);
    let ungdomsfullmaktige = o.add(
        "Ungdomsfullmäktige i Göteborg",
        K::YouthCouncil,
        Some(goteborg),
        None,
    );
    let studentforum = o.add(
        "Studentforum Göteborg",
        K::StudentForum,
        Some(goteborg),
        None,
    );
    let funktionshinderradet = o.add(
        "Göteborgs Stads funktionshinderråd",
        K::AdvisoryCouncil,
        Some(goteborg),
        None,
    );
    let pensionarsradet = o.add(
        "Göteborgs Stads pensionärsråd",
        K::AdvisoryCouncil,
        Some(goteborg),
        None,
    );
    let gavle = o.add("Gävle kommun", K::Municipality, None, Some("2180"));
    let uppsala = o.add("Uppsala kommun", K::Municipality, None, Some("0380"));
    let vasteras = o.add("Västerås stad", K::Municipality, None, Some("1980"));
    let region_mitt = o.add("Polisregion Mitt", K::PoliceRegion, None, None);
    let gastrikland = o.add(
        "Lokalpolisområde Gästrikland",
        K::LocalPoliceArea,
        Some(region_mitt),
        None,
    );
    let lpo_uppsala = o.add(
        "Lokalpolisområde Uppsala",
        K::LocalPoliceArea,
        Some(region_mitt),
        None,
    );
    let lpo_vasteras = o.add(
        "Lokalpolisområde Västerås",
        K::LocalPoliceArea,
        Some(region_mitt),
        None,
    );
    let other = o.add("Exempelföreningen", K::CivilSociety, None, None);
    // Parents first, so foreign keys hold at every insert.
    for model in o.0 {
        model.insert(&txn).await?;
    }

    let now = Utc::now();
    let new_council = async |name: &str,
                             kind: CouncilKind,
                             host: Uuid,
                             per_year: i32,
                             description: &str|
           -> anyhow::Result<Uuid> {
        let id = Uuid::now_v7();
        council::ActiveModel {
            id: Set(id),
            name: Set(name.to_owned()),
            kind: Set(kind),
            host_organisation_id: Set(host),
            meetings_per_year: Set(per_year),
            description: Set(description.to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        Ok(id)
    };
    let trygghetsradet = new_council(
        "Göteborgs Stads trygghetsråd",
        CouncilKind::SafetyCouncil,
        goteborg,
        4,
        "Samlar kommunstyrelsen och externa aktörer som arbetar trygghetsskapande och brottsförebyggande. Träffas fyra gånger per år, ett tema per möte.",
    )
    .await?;
    let medborgarlofte = new_council(
        "Medborgarlöften Gävle",
        CouncilKind::LocalPartnership,
        gavle,
        26,
        "Polisen och Gävle kommun: gemensam lägesbild varannan vecka och uppföljning av brottsutsatta platser minst fyra gånger per år.",
    )
    .await?;
    let natverket = new_council(
        "Brottsförebyggande samverkan Gävle–Uppsala–Västerås",
        CouncilKind::RegionalNetwork,
        region_mitt,
        1,
        "Årligt samverkansmöte med ledningen i Polisregion Mitt: lägesbilder från respektive lokalpolisområde och goda exempel.",
    )
    .await?;

    let memberships = [
        (trygghetsradet, goteborg, MembershipRole::Host),
        (trygghetsradet, region_vast, MembershipRole::Member),
        (trygghetsradet, lansstyrelsen, MembershipRole::Member),
        (trygghetsradet, forsvarsmakten, MembershipRole::Member),
        (trygghetsradet, vgr, MembershipRole::Member),
        (trygghetsradet, gu, MembershipRole::Member),
        (trygghetsradet, handelskammaren, MembershipRole::Member),
        (trygghetsradet, stadsmissionen, MembershipRole::Member),
        (trygghetsradet, raddningsmissionen, MembershipRole::Member),
        (trygghetsradet, ungdomsfullmaktige, MembershipRole::Advisory),
        (trygghetsradet, studentforum, MembershipRole::Advisory),
        (
            trygghetsradet,
            funktionshinderradet,
            MembershipRole::Advisory,
        ),
        (trygghetsradet, pensionarsradet, MembershipRole::Advisory),
        (medborgarlofte, gavle, MembershipRole::Host),
        (medborgarlofte, gastrikland, MembershipRole::Member),
        (natverket, region_mitt, MembershipRole::Host),
        (natverket, gavle, MembershipRole::Member),
        (natverket, uppsala, MembershipRole::Member),
        (natverket, vasteras, MembershipRole::Member),
        (natverket, gastrikland, MembershipRole::Member),
        (natverket, lpo_uppsala, MembershipRole::Member),
        (natverket, lpo_vasteras, MembershipRole::Member),
    ];
    for (council_id, org, role) in memberships {
        membership::ActiveModel {
            id: Set(Uuid::now_v7()),
            council_id: Set(council_id),
            organisation_id: Set(org),
            role: Set(role),
            joined_on: Set(date(2024, 1, 1)),
            left_on: Set(None),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }

    let people: [Person; 8] = [
        Person::new(
            "admin@samrad.example",
            "Elin Berg",
            true,
            goteborg,
            "Systemförvaltare",
            vec![],
        ),
        Person::new(
            "sekretariat@goteborg.example",
            "Maria Lindqvist",
            false,
            goteborg,
            "Trygghetssamordnare",
            vec![(trygghetsradet, SeatRole::Secretariat, Some(goteborg))],
        ),
        Person::new(
            "ordforande@goteborg.example",
            "Johan Ekström",
            false,
            goteborg,
            "Kommunstyrelsens ordförande",
            vec![(trygghetsradet, SeatRole::Chair, Some(goteborg))],
        ),
        Person::new(
            "polis@vast.example",
            "Karin Holm",
            false,
            region_vast,
            "Kommunpolis",
            vec![(trygghetsradet, SeatRole::Representative, Some(region_vast))],
        ),
        Person::new(
            "ungdom@goteborg.example",
            "Amir Hassan",
            false,
            ungdomsfullmaktige,
            "Ledamot",
            vec![(
                trygghetsradet,
                SeatRole::Representative,
                Some(ungdomsfullmaktige),
            )],
        ),
        Person::new(
            "analytiker@gavle.example",
            "Sofia Nyberg",
            false,
            gavle,
            "Brottsförebyggande samordnare",
            vec![
                (medborgarlofte, SeatRole::Secretariat, Some(gavle)),
                (natverket, SeatRole::Representative, Some(gavle)),
            ],
        ),
        Person::new(
            "polis@gastrikland.example",
            "Erik Sandberg",
            false,
            gastrikland,
            "Kommunpolis",
            vec![
                (medborgarlofte, SeatRole::Representative, Some(gastrikland)),
                (natverket, SeatRole::Representative, Some(gastrikland)),
            ],
        ),
        Person::new(
            "utomstaende@example.org",
            "Nils Olsson",
            false,
            other,
            "Volontär",
            vec![],
        ),
    ];
    for Person {
        email,
        name,
        admin,
        org,
        title,
        seats,
    } in people
    {
        let user_id = Uuid::now_v7();
        app_user::ActiveModel {
            id: Set(user_id),
            email: Set(email.to_owned()),
            password_hash: Set(hash.clone()),
            display_name: Set(name.to_owned()),
            locale: Set(Locale::Sv),
            is_platform_admin: Set(admin),
            disabled_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        affiliation::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user_id),
            organisation_id: Set(org),
            title: Set(Some(title.to_owned())),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        for (council_id, role, seat_org) in seats {
            seat::ActiveModel {
                id: Set(Uuid::now_v7()),
                council_id: Set(council_id),
                user_id: Set(user_id),
                organisation_id: Set(seat_org),
                role: Set(role),
                started_on: Set(date(2024, 1, 1)),
                ended_on: Set(None),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    demo_meetings(
        &txn,
        trygghetsradet,
        medborgarlofte,
        &[region_vast, lansstyrelsen, goteborg],
    )
    .await?;
    demo_situation(&txn, gavle, gastrikland, medborgarlofte, natverket).await?;
    txn.commit().await?;
    Ok(true)
}

/// Places in Gävle (seed 001) and situation pictures: an open one for the regional
/// network, a council one for the partnership, and a restricted one for the police only.
async fn demo_situation(
    txn: &sea_orm::DatabaseTransaction,
    gavle: Uuid,
    police: Uuid,
    partnership: Uuid,
    network: Uuid,
) -> anyhow::Result<()> {
    use entity::{picture_cadence, picture_entry, picture_share, place, situation_picture};
    let now = Utc::now();
    let today = crate::domain::time::today();
    let author = app_user::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &app_user::Column::Email,
            "analytiker@gavle.example",
        ))
        .one(txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo analyst missing"))?;
    let mut places = vec![];
    for (name, district, lat, lon, per_year) in [
        (
            "Andersbergs centrum",
            "Andersberg",
            60.6585,
            17.1205,
            Some(4),
        ),
        ("Sätra centrum", "Sätra", 60.6468, 17.1031, Some(4)),
        ("Brynäs centrum", "Brynäs", 60.6690, 17.1640, Some(4)),
        ("Stortorget", "Centrum", 60.6749, 17.1413, None),
    ] {
        let id = Uuid::now_v7();
        place::ActiveModel {
            id: Set(id),
            owner_organisation_id: Set(gavle),
            name: Set(name.to_owned()),
            district: Set(Some(district.to_owned())),
            municipality_code: Set(Some("2180".to_owned())),
            latitude: Set(lat),
            longitude: Set(lon),
            follow_ups_per_year: Set(per_year),
            created_at: Set(now - chrono::Duration::days(200)),
        }
        .insert(txn)
        .await?;
        places.push(id);
    }
    let pictures = [
        (
            "Gävle kommun",
            "open",
            Some(network),
            None,
            "Årlig lägesbild till Polisregion Mitt: otryggheten i stadsdelscentrum minskar efter ny belysning.",
        ),
        (
            "Gävle centrum",
            "council",
            Some(partnership),
            None,
            "Gemensam lägesbild polis och kommun: ordningsstörningar kring Stortorget kvällstid.",
        ),
        (
            "Brynäs",
            "restricted",
            None,
            Some(police),
            "Misstänkt narkotikahandel vid Brynäs centrum; uppgifter från spaning.",
        ),
    ];
    for (i, (area, classification, council, org, summary)) in pictures.into_iter().enumerate() {
        let id = Uuid::now_v7();
        situation_picture::ActiveModel {
            id: Set(id),
            author_organisation_id: Set(gavle),
            area: Set(area.to_owned()),
            period_start: Set(today - chrono::Duration::days(14)),
            period_end: Set(today - chrono::Duration::days(1)),
            status: Set(PictureStatus::Published),
            classification: Set(Classification::try_from_value(&classification.to_owned())?),
            summary: Set(summary.to_owned()),
            partnership_council_id: Set((classification == "council").then_some(partnership)),
            published_at: Set(Some(now)),
            superseded_by: Set(None),
            created_by: Set(author.id),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        picture_share::ActiveModel {
            id: Set(Uuid::now_v7()),
            picture_id: Set(id),
            council_id: Set(council),
            organisation_id: Set(org),
        }
        .insert(txn)
        .await?;
        let (place_ids, category, trend): (&[Uuid], &str, &str) = match i {
            0 => (&places[..3], "unsafe_environment", "falling"),
            1 => (&places[3..], "public_disorder", "rising"),
            _ => (&places[2..3], "drug_dealing", "rising"),
        };
        for place_id in place_ids {
            picture_entry::ActiveModel {
                id: Set(Uuid::now_v7()),
                picture_id: Set(id),
                place_id: Set(*place_id),
                category: Set(PlaceCategory::try_from_value(&category.to_owned())?),
                trend: Set(Trend::try_from_value(&trend.to_owned())?),
                perceived_safety: Set(if trend == "rising" { 2 } else { 3 }),
                suspected_causes: Set("Mörka gångstråk och skymd sikt".to_owned()),
                measures: Set("Byta armaturer, röja buskage, ordningsvakter kvällstid".to_owned()),
                responsible_organisation_id: Set(Some(gavle)),
            }
            .insert(txn)
            .await?;
        }
    }
    picture_cadence::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(partnership),
        interval_days: Set(14),
        starts_on: Set(today - chrono::Duration::days(70)),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Themes, an upcoming themed meeting with an agenda, and a past meeting with approved
/// minutes and an overdue follow-up action, placed relative to today.
async fn demo_meetings(
    txn: &sea_orm::DatabaseTransaction,
    council: Uuid,
    partnership: Uuid,
    presenters: &[Uuid; 3],
) -> anyhow::Result<()> {
    use entity::{
        agenda_item, council_theme, follow_up_action, meeting, minutes, minutes_revision,
    };
    let now = Utc::now();
    let today = crate::domain::time::today();
    let [police, county, city] = *presenters;
    let mut theme_ids = vec![];
    for (position, name) in [
        "Mäns våld mot kvinnor",
        "Ungas trygghet",
        "Desinformation om socialtjänsten",
        "Trygg stadsmiljö",
    ]
    .into_iter()
    .enumerate()
    {
        let id = Uuid::now_v7();
        council_theme::ActiveModel {
            id: Set(id),
            council_id: Set(council),
            name: Set(name.to_owned()),
            position: Set(i32::try_from(position).unwrap_or_default()),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
        theme_ids.push(id);
    }
    let at = |days: i64, hour: u32| -> anyhow::Result<chrono::DateTime<Utc>> {
        let local = (today + chrono::Duration::days(days))
            .and_hms_opt(hour, 0, 0)
            .ok_or_else(|| anyhow::anyhow!("bad demo time"))?;
        crate::domain::time::to_utc("demo", local).map_err(|e| anyhow::anyhow!("{e}"))
    };
    let meetings = [
        (
            council,
            Some(theme_ids[1]),
            "Trygghetsrådet – Ungas trygghet",
            -35,
            "held",
            "Stadshuset, Gustaf Adolfs torg",
        ),
        (
            council,
            Some(theme_ids[0]),
            "Trygghetsrådet – Mäns våld mot kvinnor",
            21,
            "scheduled",
            "Stadshuset, Gustaf Adolfs torg",
        ),
        (
            partnership,
            None,
            "Gemensam lägesbild polis och kommun",
            6,
            "scheduled",
            "Gävle rådhus",
        ),
    ];
    let mut ids = vec![];
    for (council_id, theme, title, days, status, place) in meetings {
        let id = Uuid::now_v7();
        let starts = at(days, 13)?;
        meeting::ActiveModel {
            id: Set(id),
            council_id: Set(council_id),
            theme_id: Set(theme),
            title: Set(title.to_owned()),
            description: Set(
                "Medlemmarna hämtar in synpunkter från sina organisationer inför mötet.".to_owned(),
            ),
            starts_at: Set(starts),
            ends_at: Set(starts + chrono::Duration::hours(2)),
            location: Set(Some(place.to_owned())),
            online_url: Set(None),
            input_opens_at: Set(Some(starts - chrono::Duration::days(28))),
            input_deadline: Set(Some(starts - chrono::Duration::days(7))),
            status: Set(MeetingStatus::try_from_value(&status.to_owned())?),
            cancel_reason: Set(None),
            version: Set(1),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        ids.push(id);
    }
    let agenda = [
        (
            ids[1],
            "information",
            "Lägesbild: mäns våld mot kvinnor i Göteborg",
            Some(police),
            30,
            None,
        ),
        (
            ids[1],
            "discussion",
            "Länsstyrelsens uppdrag och regionala samverkan",
            Some(county),
            40,
            None,
        ),
        (
            ids[1],
            "decision",
            "Gemensamma prioriteringar inför hösten",
            Some(city),
            30,
            None,
        ),
        (
            ids[0],
            "decision",
            "Handlingsplan för ungas trygghet",
            Some(city),
            45,
            Some("Rådet ställer sig bakom handlingsplanen."),
        ),
    ];
    for (position, (meeting_id, kind, title, presenter, minutes_allotted, decision)) in
        agenda.into_iter().enumerate()
    {
        agenda_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            meeting_id: Set(meeting_id),
            position: Set(i32::try_from(position).unwrap_or_default()),
            kind: Set(AgendaItemKind::try_from_value(&kind.to_owned())?),
            title: Set(title.to_owned()),
            description: Set(String::new()),
            presenter_organisation_id: Set(presenter),
            minutes_allotted: Set(minutes_allotted),
            decision: Set(decision.map(str::to_owned)),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    let secretariat = app_user::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &app_user::Column::Email,
            "sekretariat@goteborg.example",
        ))
        .one(txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo secretariat missing"))?;
    let minutes_id = Uuid::now_v7();
    let body = "Närvarande: se närvarolistan.\n\n§ 1 Handlingsplan för ungas trygghet: rådet ställer sig bakom planen.";
    minutes::ActiveModel {
        id: Set(minutes_id),
        meeting_id: Set(ids[0]),
        body: Set(body.to_owned()),
        status: Set(MinutesStatus::Approved),
        revision: Set(1),
        version: Set(2),
        approved_at: Set(Some(now)),
        approved_by: Set(Some(secretariat.id)),
        updated_at: Set(now),
        updated_by: Set(secretariat.id),
    }
    .insert(txn)
    .await?;
    minutes_revision::ActiveModel {
        id: Set(Uuid::now_v7()),
        minutes_id: Set(minutes_id),
        revision: Set(1),
        body: Set(body.to_owned()),
        decisions: Set("[]".to_owned()),
        reason: Set(None),
        created_at: Set(now),
        created_by: Set(secretariat.id),
    }
    .insert(txn)
    .await?;
    follow_up_action::ActiveModel {
        id: Set(Uuid::now_v7()),
        council_id: Set(council),
        meeting_id: Set(ids[0]),
        organisation_id: Set(police),
        title: Set("Återkoppla polisens lägesbild för centrala Göteborg".to_owned()),
        description: Set(String::new()),
        due_on: Set(today - chrono::Duration::days(5)),
        status: Set(ActionStatus::Open),
        status_note: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(secretariat.id),
    }
    .insert(txn)
    .await?;
    Ok(())
}
