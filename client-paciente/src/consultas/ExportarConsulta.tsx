/**
 * Calendar export of a consultation: the Google Calendar link (asked of the server when the card
 * shows, so the tap opens it at once) and the `.ics` file, fetched with the session's Bearer
 * token and saved from a blob.
 */
import { createResource, createSignal, Show } from "solid-js";
import { usePortal } from "../app/context.tsx";
import { notify } from "../app/notify.ts";
import type { Consulta } from "./ConsultasPage.tsx";

export function ExportarConsulta(props: { c: Consulta }) {
  const portal = usePortal();
  const [google] = createResource(
    () => props.c.agendamentoid,
    (id) => portal.api.call("GET /api/agendamentos/:id/google-calendar", { params: { id } }),
  );
  const [baixando, setBaixando] = createSignal(false);

  const baixarIcs = async () => {
    setBaixando(true);
    try {
      const text = await portal.http.get<string>(`/api/agendamentos/${props.c.agendamentoid}/ics`);
      const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `consulta-${props.c.protocolo}.ics`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      notify.erro(e);
    } finally {
      setBaixando(false);
    }
  };

  return (
    <div class="mb-2 grid grid-cols-2 gap-2">
      <Show
        when={google()?.url}
        fallback={
          <span class="btn btn-secondary min-h-12 opacity-60" aria-disabled="true">
            Google Agenda
          </span>
        }
      >
        <a
          class="btn btn-secondary min-h-12"
          href={google()!.url}
          target="_blank"
          rel="noopener noreferrer"
        >
          Google Agenda
        </a>
      </Show>
      <button
        type="button"
        class="btn btn-secondary min-h-12"
        disabled={baixando()}
        aria-busy={baixando() ? "true" : undefined}
        onClick={baixarIcs}
      >
        {baixando() ? "Baixando…" : "Baixar .ics"}
      </button>
    </div>
  );
}
