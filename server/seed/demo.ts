/**
 * The demo clinic seeded on the first embedded start, so a newcomer can log in and click
 * around at once. Only runs when the database holds no unidade yet.
 */
import type { Deps } from "../app_env.ts";
import { DEMO_ADMIN } from "../config.ts";
import { hashPassword } from "../auth/passwords.ts";

export const DEMO_PACIENTE = { cpf: "52998224725", senha: "paciente123" };

export const DEMO_LOGINS = [
  { perfil: "administrador_master", login: DEMO_ADMIN.email, senha: DEMO_ADMIN.password },
  { perfil: "operador", login: "operador@demo.commandagenda.local", senha: DEMO_ADMIN.password },
  {
    perfil: "gerenciador",
    login: "gerenciador@demo.commandagenda.local",
    senha: DEMO_ADMIN.password,
  },
  {
    perfil: "administrador",
    login: "administrador@demo.commandagenda.local",
    senha: DEMO_ADMIN.password,
  },
  {
    perfil: "visualizador",
    login: "visualizador@demo.commandagenda.local",
    senha: DEMO_ADMIN.password,
  },
  { perfil: "paciente (portal)", login: "CPF 529.982.247-25", senha: DEMO_PACIENTE.senha },
];

const USERS = [
  ["Olívia Operadora", "operador@demo.commandagenda.local", "operador"],
  ["Gustavo Gerente", "gerenciador@demo.commandagenda.local", "gerenciador"],
  ["Ana Administradora", "administrador@demo.commandagenda.local", "administrador"],
  ["Vitor Visualizador", "visualizador@demo.commandagenda.local", "visualizador"],
] as const;

export async function seedDemo({ db, config }: Deps): Promise<boolean> {
  const [exists] = await db.sql`select 1 from ca_unidade limit 1`;
  if (exists) return false;
  const staffHash = await hashPassword(DEMO_ADMIN.password, config.bcryptCost);
  const pacHash = await hashPassword(DEMO_PACIENTE.senha, config.bcryptCost);
  await db.begin(async (sql) => {
    for (const [nome, email, role] of USERS) {
      await sql`insert into ca_usuario_admin (nome, email, role, senhahash, senha_temporaria, primeiro_acesso)
                values (${nome}, ${email}, ${role}, ${staffHash}, false, false) on conflict do nothing`;
    }
    const [centro] = await sql<{ unidadeid: number }>`
      insert into ca_unidade (nome, tipo, logradouro, numero, bairro, cidade, uf, cep, telefone,
                              horario_abertura, horario_fechamento, dias_funcionamento)
      values ('UBS Centro', 'Clínica', 'Rua Campos Sales', '100', 'Centro', 'Barueri', 'SP',
              '06401000', '1141990000', '07:00', '19:00', '{1,2,3,4,5,6}')
      returning unidadeid`;
    const [hosp] = await sql<{ unidadeid: number }>`
      insert into ca_unidade (nome, tipo, logradouro, numero, bairro, cidade, uf, cep, telefone,
                              horario_abertura, horario_fechamento, dias_funcionamento)
      values ('Hospital Municipal de Barueri', 'Hospital', 'Av. Henriqueta Mendes Guerra', '500',
              'Jardim São Pedro', 'Barueri', 'SP', '06401160', '1141991000', '07:00', '22:00',
              '{1,2,3,4,5,6,7}')
      returning unidadeid`;
    for (
      const [u, nomes] of [[centro.unidadeid, ["Sala 1", "Sala 2", "Sala 3"]], [hosp.unidadeid, [
        "Consultório A",
        "Consultório B",
      ]]] as const
    ) {
      for (const nome of nomes) {
        await sql`insert into ca_consultorio (unidadeid, nome) values (${u}, ${nome})`;
      }
    }
    const tipos: Record<string, number> = {};
    for (
      const [nome, finalidade, cor] of [
        ["Normal", "Consulta eletiva", "#3B82F6"],
        ["Prioritário", "Idosos, gestantes e PcD", "#F59E0B"],
        ["Encaixe", "Encaixe do dia", "#EF4444"],
        ["Retorno", "Retorno de consulta", "#10B981"],
        ["Programa Municipal", "Programas da prefeitura", "#8B5CF6"],
      ]
    ) {
      const [t] = await sql<{ tiposlotid: number }>`
        insert into ca_tiposlot (nome, finalidade, cor) values (${nome}, ${finalidade}, ${cor}) returning tiposlotid`;
      tipos[nome] = t.tiposlotid;
    }
    const esps: Record<string, number> = {};
    for (
      const [nome, cotas] of [
        ["Clínica Geral", { Normal: 3, "Prioritário": 2, Encaixe: 1 }],
        ["Pediatria", { Normal: 2, "Prioritário": 1, Retorno: 1 }],
        ["Cardiologia", { Normal: 2, "Prioritário": 1 }],
        ["Ginecologia", { Normal: 2, "Prioritário": 1, "Programa Municipal": 1 }],
      ] as const
    ) {
      const total = Object.values(cotas).reduce((a: number, b: number) => a + b, 0);
      const [e] = await sql<{ especialidadeid: number }>`
        insert into ca_especialidade (nome, limitevagas) values (${nome}, ${total}) returning especialidadeid`;
      esps[nome] = e.especialidadeid;
      for (const [tipo, vagas] of Object.entries(cotas)) {
        await sql`insert into ca_especialidade_cota (especialidadeid, tiposlotid, vagas)
                  values (${e.especialidadeid}, ${tipos[tipo]}, ${vagas})`;
      }
    }
    for (
      const [nome, crm, espList, unidade] of [
        ["Dra. Helena Duarte", "123456", ["Clínica Geral"], centro.unidadeid],
        ["Dr. Rafael Moreira", "234567", ["Clínica Geral", "Cardiologia"], centro.unidadeid],
        ["Dra. Beatriz Lima", "345678", ["Pediatria"], hosp.unidadeid],
        ["Dr. Carlos Nogueira", "456789", ["Ginecologia"], hosp.unidadeid],
      ] as const
    ) {
      const [m] = await sql<{ medicoid: number }>`
        insert into ca_medico (nomecompleto, crm, crm_uf, unidadeid) values (${nome}, ${crm}, 'SP', ${unidade})
        returning medicoid`;
      for (const e of espList) {
        await sql`insert into ca_medico_especialidade (medicoid, especialidadeid) values (${m.medicoid}, ${
          esps[e]
        })`;
      }
    }
    for (
      const [nome, cpf, tipo, nasc, tel, hash] of [
        ["Maria da Silva Santos", DEMO_PACIENTE.cpf, "Comum", "1985-04-12", "11987654321", pacHash],
        ["José Pereira de Souza", "11144477735", "Idoso", "1948-09-30", "11976543210", null],
        ["Fernanda Alves Costa", "39053344705", "Gestante", "1995-01-22", "11965432109", null],
      ] as const
    ) {
      const [p] = await sql<{ pacienteid: number }>`
        insert into ca_paciente (nomecompleto, cpf, tipo, datanascimento, telefone, senhahash, origem)
        values (${nome}, ${cpf}, ${tipo}, ${nasc}, ${tel}, ${hash}, ${hash ? "Portal" : "ADM"})
        returning pacienteid`;
      await sql`insert into ca_paciente_tiposlot (pacienteid, tiposlotid) values (${p.pacienteid}, ${tipos.Normal})`;
      if (tipo !== "Comum") {
        await sql`insert into ca_paciente_tiposlot (pacienteid, tiposlotid) values (${p.pacienteid}, ${
          tipos["Prioritário"]
        })`;
      }
    }
  });
  return true;
}
