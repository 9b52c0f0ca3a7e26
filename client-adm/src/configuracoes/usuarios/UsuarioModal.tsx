/** Create or edit a staff user; resend the first-access e-mail while it is pending. */
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { useApp } from "../../app/context.tsx";
import { type Role, ROLE_LABEL } from "../../app/types.ts";
import { Modal } from "../../../../client-shared/ui/Modal.tsx";
import { SelectField, TextField } from "../../../../client-shared/ui/fields.tsx";
import { CheckboxField, FormActions, FormGrid } from "../../../../client-shared/ui/form.tsx";
import { notify } from "../../../../client-shared/ui/toast.tsx";
import {
  checkWith,
  errorsOf,
  type FieldErrors,
  withoutError,
} from "../../../../client-shared/forms.ts";
import { digits, maskCpf } from "../../../../client-shared/masks.ts";
import { UsuarioCreate, UsuarioUpdate } from "../../../../server/modules/usuarios/schemas.ts";
import { ROLES, type Usuario } from "./shared.ts";

/** The server's rules, shown next to the field they concern. */
const CODE_FIELDS = {
  email_duplicado: "email",
  cpf_duplicado: "cpf",
  ultimo_master: "role",
  alteracao_propria_proibida: "role",
};

export function UsuarioModal(props: {
  usuario: Usuario | null;
  onClose: () => void;
  onSaved: (u: Usuario) => void;
}) {
  const app = useApp();
  const u = props.usuario;
  const [f, setF] = createStore({
    nome: u?.nome ?? "",
    email: u?.email ?? "",
    cpf: maskCpf(u?.cpf ?? ""),
    cargo: u?.cargo ?? "",
    role: (u?.role ?? "operador") as Role,
    ativo: u?.ativo ?? true,
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const err = (k: string) => errors()[k];
  /** Typing in a field drops its message (the server's or the schema's). */
  const clear = (k: string) => setErrors((e) => withoutError(e, k));
  const edit = (k: keyof typeof f & string, v: string) => {
    (setF as (k: string, v: string) => void)(k, v);
    clear(k);
  };

  const salvar = async (e: Event) => {
    e.preventDefault();
    const base = {
      nome: f.nome,
      email: f.email,
      cpf: digits(f.cpf) || null,
      cargo: f.cargo.trim() || null,
      role: f.role,
    };
    const r = u
      ? checkWith(UsuarioUpdate, { ...base, ativo: f.ativo })
      : checkWith(UsuarioCreate, base);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    try {
      const saved = u
        ? await app.api.call("PUT /api/usuarios/:id", {
          params: { id: u.usuarioid },
          body: { ...base, ativo: f.ativo },
        })
        : await app.api.call("POST /api/usuarios", { body: base });
      notify.ok(
        u
          ? "Usuário atualizado."
          : `Usuário criado. O primeiro acesso foi enviado para ${saved.email}.`,
      );
      props.onSaved(saved);
    } catch (ex) {
      setErrors(errorsOf(ex, CODE_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const reenviar = async () => {
    setBusy(true);
    try {
      await app.api.call("POST /api/auth/resend-first-access", {
        body: { usuarioid: u!.usuarioid },
      });
      notify.ok(`Primeiro acesso reenviado para ${u!.email}.`);
    } catch (ex) {
      setErrors(errorsOf(ex));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      onOpenChange={(o) => !o && props.onClose()}
      title={u ? u.nome : "Novo usuário"}
      description={u
        ? `Criado em ${new Date(u.created_at).toLocaleDateString("pt-BR")}`
        : "Uma senha temporária e o link de primeiro acesso serão enviados por e-mail."}
      size="max-w-2xl"
    >
      <form onSubmit={salvar} novalidate aria-label="Dados do usuário">
        <Show when={err("")}>
          <p
            class="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
            role="alert"
          >
            {err("")}
          </p>
        </Show>
        <FormGrid>
          <TextField
            label="Nome"
            value={f.nome}
            onInput={(v) => edit("nome", v)}
            error={err("nome")}
          />
          <TextField
            label="E-mail"
            type="email"
            value={f.email}
            onInput={(v) => edit("email", v)}
            error={err("email")}
          />
          <TextField
            label="CPF (opcional)"
            value={f.cpf}
            mask={maskCpf}
            inputMode="numeric"
            onInput={(v) => edit("cpf", v)}
            error={err("cpf")}
          />
          <TextField
            label="Cargo"
            value={f.cargo}
            onInput={(v) => edit("cargo", v)}
            error={err("cargo")}
          />
          <SelectField
            class="mb-4"
            label="Perfil"
            value={f.role}
            onChange={(v) => setF("role", v as Role)}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
            error={err("role")}
          />
          <Show when={u}>
            <CheckboxField
              label="Usuário ativo"
              checked={f.ativo}
              onChange={(v) => setF("ativo", v)}
              hint="Um usuário inativo não entra no sistema; suas sessões são encerradas."
              error={err("ativo")}
            />
          </Show>
        </FormGrid>
        <div class="flex flex-wrap items-center justify-between gap-2">
          <Show when={u?.primeiro_acesso && u.ativo} fallback={<span />}>
            <button type="button" class="btn btn-secondary" disabled={busy()} onClick={reenviar}>
              Reenviar primeiro acesso
            </button>
          </Show>
          <FormActions
            busy={busy()}
            submitLabel={u ? "Salvar alterações" : "Criar usuário"}
            onCancel={props.onClose}
          />
        </div>
      </form>
    </Modal>
  );
}
