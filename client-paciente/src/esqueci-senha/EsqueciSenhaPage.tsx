/** `/esqueci-senha` (in progress). */
export default function EsqueciSenhaPage() {
  return <h1 class="text-2xl font-bold">Esqueci minha senha</h1>;
}
