/**
 * A labelled single-choice select on Kobalte's Select (listbox with keyboard, typeahead and
 * screen-reader support). Values are strings; "" is the "none / all" choice when `emptyLabel`
 * is given.
 *
 * @example
 * <SelectBox label="Unidade" value={String(f.unidadeid ?? "")} emptyLabel="Todas"
 *   options={unidades().map((u) => ({ value: String(u.unidadeid), label: u.nome }))}
 *   onChange={(v) => setFilter("unidadeid", v ? Number(v) : null)} />
 */
import { Select } from "@kobalte/core/select";
import { createMemo } from "solid-js";
import { usePortalMount } from "./portal_mount.ts";

const NONE = "__nenhum__";

export interface Option {
  value: string;
  label: string;
}

export function SelectBox(props: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  emptyLabel?: string;
  class?: string;
  disabled?: boolean;
  /** Hide the label visually (still read by screen readers). */
  hideLabel?: boolean;
}) {
  // Kobalte keys options by value and ignores an empty key: "" travels as a sentinel.
  const all = createMemo<Option[]>(() =>
    props.emptyLabel !== undefined
      ? [{ value: NONE, label: props.emptyLabel }, ...props.options]
      : props.options
  );
  const mount = usePortalMount();
  const selected = () => all().find((o) => o.value === (props.value || NONE)) ?? null;
  return (
    <Select<Option>
      class={props.class}
      options={all()}
      optionValue="value"
      optionTextValue="label"
      value={selected()}
      onChange={(o) => o && props.onChange(o.value === NONE ? "" : o.value)}
      disabled={props.disabled}
      disallowEmptySelection
      itemComponent={(p) => (
        <Select.Item
          item={p.item}
          class="flex cursor-pointer items-center justify-between rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand-100 data-[selected]:font-semibold"
        >
          <Select.ItemLabel>{p.item.rawValue.label}</Select.ItemLabel>
          <Select.ItemIndicator aria-hidden="true">✓</Select.ItemIndicator>
        </Select.Item>
      )}
    >
      <Select.Label class={props.hideLabel ? "sr-only" : "label"}>{props.label}</Select.Label>
      <Select.Trigger class="input flex min-w-40 items-center justify-between gap-2 text-left">
        <Select.Value<Option> class="truncate">
          {(s) => s.selectedOption()?.label ?? ""}
        </Select.Value>
        <Select.Icon aria-hidden="true" class="text-ink-muted">▾</Select.Icon>
      </Select.Trigger>
      <Select.Portal mount={mount()}>
        <Select.Content class="z-50 max-h-72 overflow-auto rounded-lg border border-border bg-white p-1 shadow-lg">
          <Select.Listbox class="outline-none" />
        </Select.Content>
      </Select.Portal>
    </Select>
  );
}
