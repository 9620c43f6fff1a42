//! Situation pictures, places, the regional view, cadences, requests and good practices.
//! What a reader may see is decided by `domain::situation::readable`.

use super::mirror_enum;
use crate::domain::types;

mod cadence;
mod pictures;
mod places;
mod regional;
mod requests;
pub use cadence::*;
pub use pictures::*;
pub use places::*;
pub use regional::*;
pub use requests::*;

mirror_enum!(
    /// A situation picture's life.
    PictureStatus => types::PictureStatus { Draft, Published, Superseded }
);
mirror_enum!(
    /// Who may read a picture: every partner of the named councils and networks (OPEN),
    /// their members only (COUNCIL), or only the named organisations (RESTRICTED).
    Classification => types::Classification { Open, Council, Restricted }
);
mirror_enum!(
    /// What is wrong at a place.
    PlaceCategory => types::PlaceCategory { DrugDealing, Violence, Vandalism, GangRelated, PublicDisorder, UnsafeEnvironment, Other }
);
mirror_enum!(
    /// Where a place is heading.
    Trend => types::Trend { Rising, Stable, Falling }
);
mirror_enum!(
    /// A request's state.
    RequestStatus => types::RequestStatus { Open, Answered, Cancelled }
);

fn parse<T: Copy, E: Into<T>>(value: async_graphql::Result<E>) -> async_graphql::Result<T> {
    value.map(Into::into)
}
