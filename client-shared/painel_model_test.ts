/**
 * Unit tests of the operator panel's pure models (client-adm/src/painel/model/): how live rows
 * patch the cached day and queue, what an event touches, drop eligibility and the keyboard model.
 * They live here because `deno test` does not discover tests under client-adm/.
 */
import { strict as assert } from "node:assert";
import { agendaFrom, applySlot, ordem, totais } from "../client-adm/src/painel/model/agenda.ts";
import {
  applyItem,
  backlogFrom,
  backlogQuery,
  compara,
  mesclar,
} from "../client-adm/src/painel/model/backlog.ts";
import { alvos } from "../client-adm/src/painel/model/events.ts";
import { podeSoltar } from "../client-adm/src/painel/model/elegibilidade.ts";
import { focoInicial, tecla } from "../client-adm/src/painel/model/teclado.ts";
import {
  ALTURA_HORA,
  ALTURA_SLOT,
  janela,
  layout,
  linhaEm,
  rolarPara,
} from "../client-adm/src/painel/model/janela.ts";
import type { BacklogItem, Slot } from "../client-adm/src/painel/model/types.ts";

const DIA = "2030-03-10";

function slot(id: number, hora: string, o: Partial<Slot> = {}): Slot {
  return {
    slotagendaid: id,
    gradeagendaid: 1,
    data: DIA,
    hora,
    datainicio: `${DIA}T${hora}:00-03:00`,
    datafim: `${DIA}T${hora}:30-03:00`,
    periodo: "Manhã",
    status: "Livre",
    isoverbooking: false,
    limitevagas: 2,
    vagas_ocupadas: 0,
    encaixes: 0,
    limite_encaixe: 0,
    livres: 2,
    dia_cancelado: false,
    medico: { medicoid: 1, nome: "Dra. Ana" },
    especialidade: { especialidadeid: 1, nome: "Cardiologia" },
    unidade: { unidadeid: 1, nome: "UBS Centro", timezone: "America/Sao_Paulo" },
    consultorio: null,
    tiposlot: { tiposlotid: 1, nome: "Normal", cor: "#3b82f6" },
    ...o,
  };
}

function item(id: number, o: Partial<BacklogItem> = {}): BacklogItem {
  return {
    backlogid: id,
    pacienteid: 100 + id,
    paciente_nome: `Paciente ${id}`,
    paciente_cpf: "52998224725",
    especialidadeid: 1,
    especialidade_nome: "Cardiologia",
    medicoid: null,
    medico_nome: null,
    unidadeid: null,
    unidade_nome: null,
    data_preferida: null,
    periodo_preferido: null,
    horario_preferido: null,
    urgente: false,
    prioridade: "Média",
    origem: "ADM",
    status: "Pendente",
    tipos_slot_elegiveis: [],
    observacoes: null,
    ativo: true,
    slotagendaid_proposto: null,
    proposta_expira_em: null,
    motivo_recusa: null,
    dias_espera: 2,
    created_at: `2030-03-01T10:00:${String(id % 60).padStart(2, "0")}Z`,
    ...o,
  };
}

const day = () =>
  agendaFrom({
    data: DIA,
    grupos: [
      { hora: "08:00", slots: [slot(1, "08:00"), slot(2, "08:30")] },
      { hora: "10:00", slots: [slot(3, "10:00")] },
    ],
  });

Deno.test("[painel] agenda: live slot rows patch the cached day by id", async (t) => {
  await t.step("an update replaces the row in place", () => {
    const s = day();
    const r = applySlot(s, 2, slot(2, "08:30", { vagas_ocupadas: 1, livres: 1 }));
    assert.equal(r, "atualizado");
    assert.equal(s.slots[2].vagas_ocupadas, 1);
    assert.deepEqual(ordem(s), [1, 2, 3]);
  });
  await t.step("a new slot of the day enters its hour group in order", () => {
    const s = day();
    assert.equal(applySlot(s, 9, slot(9, "09:15")), "inserido");
    assert.equal(applySlot(s, 8, slot(8, "08:15")), "inserido");
    assert.deepEqual(s.grupos.map((g) => g.hora), ["08:00", "09:00", "10:00"]);
    assert.deepEqual(ordem(s), [1, 8, 2, 9, 3]);
  });
  await t.step("a row of another day, or outside the filters, is dropped", () => {
    const s = agendaFrom({ data: DIA, grupos: [{ hora: "08:00", slots: [slot(1, "08:00")] }] }, {
      unidadeid: 1,
    });
    assert.equal(applySlot(s, 5, slot(5, "08:00", { data: "2030-03-11" })), "ignorado");
    const outra = slot(1, "08:00", { unidade: { unidadeid: 2, nome: "X", timezone: "UTC" } });
    assert.equal(applySlot(s, 1, outra), "removido");
    assert.deepEqual(s.grupos, []);
  });
  await t.step("a deleted slot leaves; its emptied hour group goes too", () => {
    const s = day();
    assert.equal(applySlot(s, 3, null), "removido");
    assert.deepEqual(s.grupos.map((g) => g.hora), ["08:00"]);
    assert.equal(applySlot(s, 3, null), "ignorado");
  });
  await t.step("totals count places in flight on this console", () => {
    const s = day();
    assert.deepEqual(totais(s, { 1: 1 }), { slots: 3, vagas: 6, ocupadas: 1, livres: 5 });
  });
  await t.step("totals follow every patch without re-summing the day", () => {
    const s = day();
    applySlot(s, 2, slot(2, "08:30", { vagas_ocupadas: 2, livres: 0, status: "Ocupado" }));
    applySlot(s, 9, slot(9, "11:00"));
    applySlot(s, 3, slot(3, "10:00", { status: "Cancelado", livres: 0 }));
    applySlot(s, 1, null);
    assert.deepEqual(totais(s), { slots: 3, vagas: 4, ocupadas: 2, livres: 2 });
  });
});

Deno.test("[painel] backlog: live rows keep the page in the server's order", async (t) => {
  const page = (ids: number[], total = ids.length, limit = 50, p = 1) =>
    backlogFrom({ items: ids.map((i) => item(i)), total, page: p, limit }, { status: "Pendente" });

  await t.step("an item allocated elsewhere leaves the Pendente queue", () => {
    const s = page([1, 2, 3]);
    const r = applyItem(s, 2, item(2, { status: "Aguardando Confirmação" }));
    assert.equal(r, "removido");
    assert.deepEqual(s.ids, [1, 3]);
    assert.equal(s.total, 2);
  });
  await t.step("a new Alta item enters first; a Baixa one after the Média ones", () => {
    const s = page([1, 2]);
    assert.equal(applyItem(s, 7, item(7, { prioridade: "Alta" })), "inserido");
    assert.equal(applyItem(s, 8, item(8, { prioridade: "Baixa" })), "inserido");
    assert.deepEqual(s.ids, [7, 1, 2, 8]);
    assert.equal(s.total, 4);
  });
  await t.step("a new item past a full page only counts", () => {
    const s = page([1, 2], 10, 2);
    assert.equal(applyItem(s, 9, item(9, { prioridade: "Baixa" })), "contado");
    assert.deepEqual(s.ids, [1, 2]);
    assert.equal(s.total, 11);
  });
  await t.step("a new item before a full page's end pushes the last one out", () => {
    const s = page([1, 2], 2, 2);
    assert.equal(applyItem(s, 9, item(9, { prioridade: "Alta" })), "inserido");
    assert.deepEqual(s.ids, [9, 1]);
    assert.equal(s.total, 3);
  });
  await t.step("a priority change moves the card; other filters' rows are ignored", () => {
    const s = page([1, 2, 3]);
    applyItem(s, 3, item(3, { prioridade: "Alta" }));
    assert.deepEqual(s.ids, [3, 1, 2]);
    assert.equal(applyItem(s, 50, item(50, { status: "Agendado" })), "ignorado");
    assert.equal(applyItem(s, 51, null), "ignorado");
  });
  await t.step("an event's after moves the card at once (allocated elsewhere: it leaves)", () => {
    const s = page([1, 2]);
    const row = mesclar(s.items[2], {
      backlogid: 2,
      status: "Aguardando Confirmação",
      slotagendaid_proposto: 9,
      cpf: "x",
    });
    assert.equal(row?.status, "Aguardando Confirmação");
    assert.equal(row?.paciente_nome, "Paciente 2");
    assert.equal((row as Record<string, unknown>).cpf, undefined);
    assert.equal(applyItem(s, 2, row), "removido");
    assert.equal(mesclar(s.items[1], undefined), null);
  });
  await t.step("the order and the query follow the server", () => {
    assert.ok(compara(item(1, { prioridade: "Alta" }), item(2)) < 0);
    assert.equal(
      backlogQuery({ status: "Pendente", prioridade: "Alta", unidadeid: 3 }, 2, 50),
      "page=2&limit=50&status=Pendente&prioridade=Alta&unidadeid=3",
    );
  });
});

Deno.test("[painel] events: what one live event touches", async (t) => {
  const ev = (o: Record<string, unknown>) => ({
    id: 1,
    kind: "x",
    entity: "backlog",
    entity_id: "7",
    topics: [`data:${DIA}`, "backlog"],
    at: "",
    ...o,
  });
  await t.step("an allocation names the card and the slot", () => {
    const a = alvos(ev({
      kind: "backlog.alocado",
      after: { backlogid: 7, slotagendaid_proposto: 40, agendamento: { slotagendaid: 40 } },
    }));
    assert.deepEqual(a, { slots: [40], backlog: [7], recarregarDia: false });
  });
  await t.step("a booking names its slot and the backlog it came from", () => {
    const a = alvos(ev({
      kind: "agendamento.cancelado",
      entity: "agendamento",
      entity_id: "3",
      after: { agendamentoid: 3, slotagendaid: 41, backlogid: null },
    }));
    assert.deepEqual(a, { slots: [41], backlog: [], recarregarDia: false });
  });
  await t.step("a grade event of the day on screen reloads it; of another day does not", () => {
    const g = ev({ kind: "grade.dia_cancelado", entity: "grade", topics: [`data:${DIA}`] });
    assert.equal(alvos(g, DIA).recarregarDia, true);
    assert.equal(alvos(g, "2030-03-11").recarregarDia, false);
    const range = ev({ kind: "grade.gerada", topics: ["data:2030-03-01..2030-03-31"] });
    assert.equal(alvos(range, DIA).recarregarDia, true);
  });
  await t.step("lease events carry the holder, or null when released", () => {
    const took = alvos(ev({
      kind: "lock.adquirido",
      entity: "lock",
      entity_id: "backlog:7",
      after: { holder_nome: "Operador 1", holder_sessao: "abc" },
    }));
    assert.deepEqual(took.lease, {
      resource: "backlog:7",
      holder_nome: "Operador 1",
      holder_sessao: "abc",
    });
    const freed = alvos(ev({ kind: "lock.liberado", entity: "lock", entity_id: "backlog:7" }));
    assert.equal(freed.lease?.holder_nome, null);
  });
});

Deno.test("[painel] drop eligibility mirrors the server's rules", async (t) => {
  const agora = Date.parse("2030-03-01T00:00:00Z");
  await t.step("a free slot of the item's especialidade accepts the drop", () => {
    assert.deepEqual(podeSoltar(item(1), slot(1, "08:00"), { agora }), { ok: true });
  });
  const recusa = (it: BacklogItem, s: Slot, ctx = {}) => {
    const v = podeSoltar(it, s, { agora, ...ctx });
    assert.equal(v.ok, false);
    return (v as { motivo: string }).motivo;
  };
  await t.step("each refusal says why", () => {
    assert.match(
      recusa(
        item(1),
        slot(1, "08:00", {
          especialidade: { especialidadeid: 2, nome: "Pediatria" },
        }),
      ),
      /Pediatria/,
    );
    assert.match(recusa(item(1), slot(1, "08:00", { livres: 0 })), /lotado/);
    assert.match(recusa(item(1), slot(1, "08:00", { livres: 1 }), { pendentes: 1 }), /lotado/);
    assert.match(recusa(item(1), slot(1, "08:00", { status: "Cancelado" })), /cancelado/);
    assert.match(recusa(item(1), slot(1, "08:00", { dia_cancelado: true })), /dia/);
    assert.match(recusa(item(1), slot(1, "08:00"), { agora: Date.parse("2031-01-01") }), /passou/);
    assert.match(recusa(item(1), slot(1, "08:00"), { slotDe: "Gerente" }), /Gerente/);
    assert.match(recusa(item(1, { status: "Agendado" }), slot(1, "08:00")), /Agendado/);
  });
  await t.step("tipos: the item's list first, else the patient's, else any", () => {
    const prio = slot(1, "08:00", {
      tiposlot: { tiposlotid: 2, nome: "Prioritário", cor: "#f00" },
    });
    assert.match(recusa(item(1, { tipos_slot_elegiveis: [1] }), prio), /Prioritário/);
    assert.match(recusa(item(1), prio, { tiposPaciente: [1] }), /elegível/);
    assert.equal(podeSoltar(item(1, { tipos_slot_elegiveis: [2] }), prio, { agora }).ok, true);
    assert.equal(podeSoltar(item(1), prio, { agora, tiposPaciente: [] }).ok, true);
  });
});

Deno.test("[painel] keyboard: pick up with Enter, move, drop with Enter, Esc cancels", async (t) => {
  const tam = { cartoes: 3, slots: 5, idCartao: (i: number) => [11, 12, 13][i] };
  await t.step("arrows move inside a zone and between zones, within bounds", () => {
    let f = focoInicial();
    f = tecla(f, "ArrowDown", tam).foco;
    f = tecla(f, "ArrowDown", tam).foco;
    f = tecla(f, "ArrowDown", tam).foco;
    assert.equal(f.cartao, 2);
    f = tecla(f, "ArrowLeft", tam).foco;
    assert.equal(f.zona, "agenda");
    f = tecla(f, "End", tam).foco;
    assert.equal(f.slot, 4);
    f = tecla(f, "ArrowRight", tam).foco;
    assert.deepEqual([f.zona, f.cartao], ["fila", 2]);
  });
  await t.step("Enter picks the focused card and goes to the agenda; Enter there drops", () => {
    let r = tecla({ ...focoInicial(), cartao: 1 }, "Enter", tam);
    assert.deepEqual(r.acao, { tipo: "pegar", cartao: 12 });
    assert.equal(r.foco.zona, "agenda");
    r = tecla(tecla(r.foco, "ArrowDown", tam).foco, "Enter", tam);
    assert.deepEqual(r.acao, { tipo: "soltar", slot: 1, cartao: 12 });
    assert.equal(r.foco.pegando, null);
  });
  await t.step("Esc drops nothing and returns to the queue", () => {
    const held = tecla(focoInicial(), "Enter", tam).foco;
    const r = tecla(held, "Escape", tam);
    assert.deepEqual(r.acao, { tipo: "cancelar" });
    assert.deepEqual([r.foco.zona, r.foco.pegando], ["fila", null]);
  });
  await t.step("Enter on a slot with no card opens direct booking; shortcuts answer", () => {
    const f = { ...focoInicial(), zona: "agenda" as const, slot: 3 };
    assert.deepEqual(tecla(f, "Enter", tam).acao, { tipo: "agendar", slot: 3 });
    assert.deepEqual(tecla(focoInicial(), "i", tam).acao, { tipo: "inteligente", cartao: 11 });
    assert.deepEqual(tecla(focoInicial(), "/", tam).acao, { tipo: "buscar" });
    assert.deepEqual(tecla(focoInicial(), "?", tam).acao, { tipo: "ajuda" });
    const vazio = { ...tam, cartoes: 0, idCartao: () => undefined };
    assert.equal(tecla(focoInicial(), "Enter", vazio).acao, undefined);
  });
});

Deno.test("[painel] agenda window: only the rows in view are rendered", async (t) => {
  // 2,000 slots: 20 hours of 100 slots each.
  const grupos = Array.from({ length: 20 }, (_, h) => ({
    hora: `${String(h).padStart(2, "0")}:00`,
    ids: Array.from({ length: 100 }, (_, k) => h * 100 + k + 1),
  }));
  const l = layout(grupos);

  await t.step("rows are hour headers then slots, with prefix-sum offsets", () => {
    assert.equal(l.linhas.length, 2020);
    assert.equal(l.linhaDoSlot.length, 2000);
    assert.deepEqual(l.linhas[0], { tipo: "hora", linha: 0, hora: "00:00", slots: 100 });
    assert.deepEqual(l.linhas[101], { tipo: "hora", linha: 101, hora: "01:00", slots: 100 });
    assert.equal(l.linhaDoSlot[100], 102);
    assert.equal(l.topos[102], 2 * ALTURA_HORA + 100 * ALTURA_SLOT);
    assert.equal(l.topos[2020], 20 * ALTURA_HORA + 2000 * ALTURA_SLOT);
  });

  await t.step("the window covers the viewport plus a margin, a few dozen rows", () => {
    const topo = l.topos[l.linhaDoSlot[1500]];
    const { inicio, fim } = janela(l.topos, topo, 800, 600);
    assert.ok(inicio <= l.linhaDoSlot[1500] && l.linhaDoSlot[1500] < fim);
    assert.ok(fim - inicio < 50, `${fim - inicio} rows`);
    assert.ok(l.topos[inicio] <= topo - 600 + ALTURA_SLOT);
    assert.ok(l.topos[fim] >= topo + 800 + 600 - ALTURA_SLOT);
    assert.deepEqual(janela(l.topos, 0, 800, 0), { inicio: 0, fim: linhaEm(l.topos, 800) + 1 });
    assert.deepEqual(janela(layout([]).topos, 0, 800), { inicio: 0, fim: 0 });
  });

  await t.step("scrolling to a slot shows it whole, below the hour header", () => {
    const i = l.linhaDoSlot[700];
    const y = rolarPara(l.topos, i, 0, 800);
    assert.ok(l.topos[i + 1] <= y + 800 && l.topos[i] >= y);
    assert.equal(rolarPara(l.topos, i, y, 800), y, "already visible: unchanged");
    const up = rolarPara(l.topos, l.linhaDoSlot[3], y, 800);
    assert.equal(up, l.topos[l.linhaDoSlot[3]] - ALTURA_HORA);
  });
});
