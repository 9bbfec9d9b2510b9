/**
 * What the page says of a message the network will drop (its `lost` reason, CONTRACTS.md
 * section 1: a message that meets a partition or cut on its way is lost, even if the network
 * heals before it would arrive). Shared by Messages in flight and the Message panel.
 */

/** A few words for a list row: "lost: met a partition". */
export function lostShort(reason: string): string {
  switch (reason) {
    case 'partition':
      return 'lost: met a partition';
    case 'cut':
      return 'lost: met a cut link';
    case 'loss':
      return 'lost on the way';
    case 'overflow':
      return 'lost: network full';
    default:
      return `lost (${reason})`;
  }
}

/** A sentence for the Message panel: why it will be dropped, and that Deliver now cannot save it. */
export function lostSentence(reason: string): string {
  const why =
    reason === 'partition'
      ? 'It met a partition on its way'
      : reason === 'cut'
        ? 'It met a cut link on its way'
        : reason === 'loss'
          ? 'The network lost it on the way'
          : reason === 'overflow'
            ? 'The network was full when it was sent'
            : `It was lost (${reason})`;
  const heal = reason === 'partition' || reason === 'cut' ? ', even if the network heals first' : '';
  return `${why}: it will be dropped when it arrives${heal}. Deliver now cannot save it.`;
}
