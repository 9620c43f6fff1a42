//! A municipality's areas: districts (stadsdelar) and outer areas (ytterområden), the
//! units a promise's scopes count per, with an optional boundary imported from GeoJSON.

use crate::domain::prelude::*;
use entity::{area, organisation};
use geojson::{GeoJson, GeometryValue};

use crate::domain::types::{AreaKind, OrganisationKind, parse_name};

/// The most areas one municipality may have, and one import may bring.
pub const MAX_AREAS: usize = 500;
/// The largest GeoJSON file an import accepts, in bytes.
pub const MAX_GEOJSON: usize = 5 * 1024 * 1024;
/// The most positions one boundary may have.
const MAX_POSITIONS: usize = 100_000;

/// A new area, or the boundary and kind of an existing one (matched by name).
#[derive(Debug, Clone)]
pub struct NewArea {
    pub municipality_id: Uuid,
    pub name: String,
    pub kind: AreaKind,
    /// A GeoJSON Polygon or MultiPolygon geometry.
    pub boundary: Option<String>,
}

/// The municipality whose areas the actor may change: a platform admin, or someone who
/// acts for the municipality itself. Anything else answers as an unknown id does.
async fn managed_municipality(
    db: &impl ConnectionTrait, actor: &Actor, municipality_id: Uuid,
) -> AppResult<organisation::Model> {
    let org = municipality(db, municipality_id).await?;
    if actor.is_platform_admin || actor.organisation_ids.contains(&municipality_id) {
        Ok(org)
    } else {
        Err(AppError::NotFound("municipality"))
    }
}

/// An organisation of kind municipality, or NOT_FOUND.
pub(super) async fn municipality(
    db: &impl ConnectionTrait, id: Uuid,
) -> AppResult<organisation::Model> {
    organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|o| o.kind == OrganisationKind::Municipality)
        .ok_or(AppError::NotFound("municipality"))
}

/// Checks a boundary: a GeoJSON Polygon or MultiPolygon (a bare geometry, or a Feature
/// holding one) with closed rings of WGS84 positions. Returns the geometry as stored.
pub fn parse_boundary(json: &str) -> AppResult<String> {
    let bad = |why: &str| AppError::bad_input("boundary", why.to_owned());
    if json.len() > MAX_GEOJSON {
        return Err(bad("the boundary is larger than 5 MB"));
    }
    let geometry = match json.parse::<GeoJson>().map_err(|_| bad("not valid GeoJSON"))? {
        GeoJson::Geometry(g) => g,
        GeoJson::Feature(f) => f.geometry.ok_or_else(|| bad("the feature has no geometry"))?,
        GeoJson::FeatureCollection(_) => {
            return Err(bad("one geometry per area; import a collection with importAreas"));
        }
    };
    check_geometry(&geometry.value).map_err(|why| bad(&why))?;
    serde_json::to_string(&geometry).map_err(|e| AppError::Internal(e.into()))
}

fn check_geometry(value: &GeometryValue) -> Result<(), String> {
    let polygons: Vec<&geojson::PolygonType> = match value {
        GeometryValue::Polygon { coordinates } => vec![coordinates],
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
        _ => return Err("a boundary is a Polygon or a MultiPolygon".to_owned()),
    };
    let mut positions = 0;
    for polygon in polygons {
        if polygon.is_empty() {
            return Err("a polygon needs at least one ring".to_owned());
        }
        for ring in polygon {
            positions += ring.len();
            if ring.len() < 4 || ring.first() != ring.last() {
                return Err("each ring is closed and has at least four positions".to_owned());
            }
            for p in ring {
                let (lon, lat) = match p.as_slice() {
                    [lon, lat, ..] => (*lon, *lat),
                    _ => return Err("a position has a longitude and a latitude".to_owned()),
                };
                if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                    return Err("positions are WGS84 longitude, latitude".to_owned());
                }
            }
        }
    }
    if positions > MAX_POSITIONS {
        return Err(format!("a boundary has at most {MAX_POSITIONS} positions"));
    }
    Ok(())
}

/// Adds an area to a municipality (the municipality's own people, or an admin).
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn create_area(
    db: &DatabaseConnection, actor: &Actor, cmd: NewArea,
) -> AppResult<area::Model> {
    managed_municipality(db, actor, cmd.municipality_id).await?;
    let name = parse_name("name", &cmd.name, 120)?;
    let boundary = cmd.boundary.as_deref().map(parse_boundary).transpose()?;
    let txn = crate::db::begin_write(db).await?;
    let count = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(cmd.municipality_id))
        .count(&txn)
        .await?;
    if count as usize >= MAX_AREAS {
        return Err(AppError::conflict(
            "name",
            format!("a municipality has at most {MAX_AREAS} areas"),
        ));
    }
    let model = area::ActiveModel {
        id: Set(Uuid::now_v7()),
        municipality_id: Set(cmd.municipality_id),
        name: Set(name),
        kind: Set(cmd.kind),
        boundary: Set(boundary),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| AppError::from_write(e, "name", "an area of that name"))?;
    crate::domain::audit::Event::new(actor, "area.create", ("area", model.id))
        .detail(json!({ "name": model.name, "kind": format!("{:?}", model.kind) }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, model).await
}

/// Imports areas from a GeoJSON FeatureCollection: each feature a Polygon or MultiPolygon
/// with the properties `name` and `kind` (`district`/`stadsdel` or `outer`/`ytterområde`).
/// An area of the same name gets the new kind and boundary; the rest are added. All or
/// nothing: one bad feature refuses the file, naming the feature.
#[tracing::instrument(skip_all, fields(user = %actor.user_id))]
pub async fn import_areas(
    db: &DatabaseConnection, actor: &Actor, municipality_id: Uuid, json: &str,
) -> AppResult<Vec<area::Model>> {
    managed_municipality(db, actor, municipality_id).await?;
    let bad = |why: String| AppError::bad_input("geojson", why);
    if json.len() > MAX_GEOJSON {
        return Err(bad("the file is larger than 5 MB".to_owned()));
    }
    let GeoJson::FeatureCollection(collection) =
        json.parse::<GeoJson>().map_err(|_| bad("not valid GeoJSON".to_owned()))?
    else {
        return Err(bad("expected a FeatureCollection".to_owned()));
    };
    if collection.features.is_empty() || collection.features.len() > MAX_AREAS {
        return Err(bad(format!("a file holds 1 to {MAX_AREAS} areas")));
    }
    let mut parsed: Vec<(String, AreaKind, String)> = vec![];
    for (i, feature) in collection.features.iter().enumerate() {
        let n = i + 1;
        let name = feature
            .property("name")
            .and_then(|v| v.as_str())
            .ok_or_else(|| bad(format!("feature {n} has no name")))?;
        let name = parse_name("geojson", name, 120)
            .map_err(|_| bad(format!("feature {n}: name is 1 to 120 characters")))?;
        let kind = match feature
            .property("kind")
            .and_then(|v| v.as_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("district" | "stadsdel") => AreaKind::District,
            Some("outer" | "ytterområde") => AreaKind::Outer,
            _ => return Err(bad(format!("feature {n} ({name}): kind is district or outer"))),
        };
        let geometry = feature
            .geometry
            .as_ref()
            .ok_or_else(|| bad(format!("feature {n} ({name}) has no geometry")))?;
        check_geometry(&geometry.value)
            .map_err(|why| bad(format!("feature {n} ({name}): {why}")))?;
        let stored = serde_json::to_string(geometry).map_err(|e| AppError::Internal(e.into()))?;
        if parsed.iter().any(|(other, ..)| other.eq_ignore_ascii_case(&name)) {
            return Err(bad(format!("feature {n}: {name} appears twice")));
        }
        parsed.push((name, kind, stored));
    }
    let txn = crate::db::begin_write(db).await?;
    let existing = area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(municipality_id))
        .all(&txn)
        .await?;
    let added =
        parsed.iter().filter(|(name, ..)| !existing.iter().any(|a| &a.name == name)).count();
    if existing.len() + added > MAX_AREAS {
        return Err(bad(format!("a municipality has at most {MAX_AREAS} areas")));
    }
    let mut out = vec![];
    for (name, kind, boundary) in parsed {
        let model = match existing.iter().find(|a| a.name == name) {
            Some(a) => {
                let mut row: area::ActiveModel = a.clone().into();
                row.kind = Set(kind);
                row.boundary = Set(Some(boundary));
                row.update(&txn).await?
            }
            None => {
                area::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    municipality_id: Set(municipality_id),
                    name: Set(name),
                    kind: Set(kind),
                    boundary: Set(Some(boundary)),
                    created_at: Set(Utc::now()),
                }
                .insert(&txn)
                .await?
            }
        };
        out.push(model);
    }
    crate::domain::audit::Event::new(actor, "area.import", ("organisation", municipality_id))
        .detail(json!({ "areas": out.len(), "added": added }))
        .record(&txn)
        .await?;
    crate::live::commit(txn, out).await
}

/// A municipality's areas by name. Areas are public geography: anyone signed in reads
/// them, and a published promise shows them.
#[tracing::instrument(skip_all)]
pub async fn areas(
    db: &DatabaseConnection, _actor: &Actor, municipality_id: Uuid, page: &PageRequest,
) -> AppResult<Page<area::Model>> {
    municipality(db, municipality_id).await?;
    let query = area::Entity::find().filter(area::Column::MunicipalityId.eq(municipality_id));
    let rows = page.rows_after(db, query, area::Column::Name, area::Column::Id).await?;
    Ok(Page::from_rows(page, rows, |a| Cursor { key: a.name.clone(), id: a.id }))
}

/// All areas of a municipality (at most [`MAX_AREAS`]), for counting.
pub(super) async fn all_of(
    db: &impl ConnectionTrait, municipality_id: Uuid,
) -> AppResult<Vec<area::Model>> {
    Ok(area::Entity::find()
        .filter(area::Column::MunicipalityId.eq(municipality_id))
        .order_by_asc(area::Column::Name)
        .order_by_asc(area::Column::Id)
        .all(db)
        .await?)
}
