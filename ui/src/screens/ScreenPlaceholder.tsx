/** Stand-in body for a screen that is not built yet. */
export function ScreenPlaceholder({ intro }: { intro: string }) {
  return (
    <section className="card">
      <p className="muted">{intro}</p>
    </section>
  );
}
