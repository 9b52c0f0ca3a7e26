/** `/cadastro` (in progress). */
export default function CadastroPage() {
  return <h1 class="text-2xl font-bold">Cadastro</h1>;
}
