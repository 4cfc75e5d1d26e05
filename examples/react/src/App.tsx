import { useState } from 'react';
// Each import registers one element; a page with only a poll imports only the poll.
import '@parvis/widgets/poll';
import '@parvis/widgets/comments';
import type { ParvisVoteEvent } from '@parvis/widgets';

export function App() {
  const [voted, setVoted] = useState(false);
  return (
    <main>
      <h1>Aménagements cyclables</h1>
      <parvis-poll
        poll="cycle-lanes"
        onparvis-vote={(event: ParvisVoteEvent) => setVoted(event.optionIds.length > 0)}
      />
      {voted && <p>Merci ! Dites-nous pourquoi dans les commentaires.</p>}
      <h2>Vos commentaires</h2>
      <parvis-comments thread="cycle-lanes" />
    </main>
  );
}
