/** `/adm/configuracoes`: the configuration console (its own issue); reserved route for now. */
export default function ConfiguracoesPage() {
  return (
    <section class="card p-6">
      <h1 class="text-xl font-bold">Configurações</h1>
      <p class="text-ink-muted">Em construção.</p>
    </section>
  );
}
