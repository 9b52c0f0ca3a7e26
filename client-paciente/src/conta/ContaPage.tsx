/** `/conta`: the patient's data and "Sair" (the editing forms follow). */
import { useNavigate } from "@solidjs/router";
import { usePortal } from "../app/context.tsx";

export default function ContaPage() {
  const p = usePortal();
  const navigate = useNavigate();
  const sair = async () => {
    p.live.stop();
    await p.session.signOut();
    navigate("/login", { replace: true, state: { msg: "Você saiu do portal." } });
  };
  return (
    <section aria-labelledby="titulo-conta">
      <h1 id="titulo-conta" class="mb-4 text-2xl font-bold">Minha conta</h1>
      <p class="mb-4">{p.session.me()?.nomecompleto}</p>
      <button type="button" class="btn btn-secondary w-full" onClick={sair}>Sair</button>
    </section>
  );
}
