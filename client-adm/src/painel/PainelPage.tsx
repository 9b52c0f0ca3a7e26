/**
 * `/adm/painel`: the operator panel (60/40 agenda + backlog). Owned by the operator panel work;
 * this placeholder only reserves the route.
 */
export default function PainelPage() {
  return (
    <section class="card p-6">
      <h1 class="text-xl font-bold">Painel do operador</h1>
      <p class="text-ink-muted">Em construção.</p>
    </section>
  );
}
