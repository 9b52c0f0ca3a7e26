/** Home of a signed-in patient (placeholder until the portal's screens land). */
import { usePortal } from "../app/context.tsx";

export default function InicioPage() {
  const portal = usePortal();
  return (
    <section class="p-4">
      <h1 class="text-xl font-bold">Olá, {portal.session.me()?.nomecompleto}</h1>
    </section>
  );
}
