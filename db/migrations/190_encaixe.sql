-- Encaixe (overbooking): where a grade allows it, a gerenciador may book patients beyond a full
-- slot, up to the grade's limit per slot, with a required reason.
-- `ca_slotagenda.encaixes_ocupados` counts those places apart from `vagas_ocupadas`, so the
-- capacity CHECK of regular places stays as it is; the limit is enforced by the conditional
-- UPDATE that takes an encaixe place (server/booking/encaixe.ts), under the slot's row lock.
alter table ca_gradeagenda
  add column limite_encaixe smallint not null default 1 check (limite_encaixe between 0 and 20);

alter table ca_slotagenda
  add column encaixes_ocupados smallint not null default 0 check (encaixes_ocupados between 0 and 20);

alter table ca_agendamento
  add column encaixe boolean not null default false,
  add column motivo_encaixe text,
  add constraint ca_agendamento_encaixe_motivo_ck
    check (not encaixe or length(trim(coalesce(motivo_encaixe, ''))) >= 3);
