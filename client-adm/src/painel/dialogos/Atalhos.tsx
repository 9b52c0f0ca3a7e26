/** The `?` overlay: every keyboard shortcut of the panel. */
import { For } from "solid-js";
import { ATALHOS } from "../model/teclado.ts";
import { Modal } from "./Modal.tsx";

export function Atalhos(props: { aberto: boolean; fechar: () => void }) {
  return (
    <Modal aberto={props.aberto} fechar={props.fechar} titulo="Atalhos de teclado">
      <table class="w-full text-sm">
        <caption class="sr-only">Atalhos de teclado do painel</caption>
        <thead>
          <tr class="text-left">
            <th scope="col" class="pb-1">Tecla</th>
            <th scope="col" class="pb-1">Ação</th>
          </tr>
        </thead>
        <tbody>
          <For each={ATALHOS}>
            {([k, v]) => (
              <tr class="border-t border-slate-200">
                <td class="py-1.5 pr-3">
                  <kbd class="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono">
                    {k}
                  </kbd>
                </td>
                <td class="py-1.5">{v}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Modal>
  );
}
