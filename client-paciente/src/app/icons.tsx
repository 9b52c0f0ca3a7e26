/** Line icons of the bottom navigation (24×24, stroke): small inline SVGs, no icon font. */
const PATHS = {
  inicio: "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  solicitar: "M12 5v14M5 12h14",
  solicitacoes: "M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01",
  consultas: "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4",
  conta: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
  outro: "M12 12h.01",
} as const;

export type NavIcon = keyof typeof PATHS;

export function Icon(props: { name?: NavIcon; class?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      class={props.class ?? "h-6 w-6"}
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[props.name ?? "outro"]} />
    </svg>
  );
}
