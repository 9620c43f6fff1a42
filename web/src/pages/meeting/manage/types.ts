import type { ManageMeetingQuery, MeetingInputsQuery } from '../../../gql/graphql';

/** The meeting as the secretariat's tools see it. */
export type ManagedMeeting = ManageMeetingQuery['meeting'];

/** One of the meeting's inputs as the secretariat's triage board shows it. */
export type BoardInput = MeetingInputsQuery['meeting']['inputs']['edges'][number]['node'];

/**
 * Runs one of the secretariat's changes: `work`, then `done` (the form that asked is cleared),
 * then the page loads again and the section's status says `message` (or what went wrong).
 */
export type Run = (work: () => Promise<unknown>, options?: { message?: string; done?: () => void }) => Promise<void>;

/** A change's error the form has already said beside its field: the section says nothing more. */
export class Shown extends Error {}
