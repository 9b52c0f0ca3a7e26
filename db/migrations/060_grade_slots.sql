-- Grade generator and grade-day management (modules slots, grade_agenda, grade_stats).

-- A médico is in one place at a time: two live slots of the same médico in different grades may
-- not overlap. Inside one grade several tipos de slot share the same time by design.
alter table ca_slotagenda add constraint ca_slotagenda_medico_excl
  exclude using gist (medicoid with =, tstzrange(datainicio, datafim) with &&, gradeagendaid with <>)
  where (status <> 'Cancelado');

-- A consultório serves one médico at a time.
alter table ca_slotagenda add constraint ca_slotagenda_consultorio_excl
  exclude using gist (consultorioid with =, tstzrange(datainicio, datafim) with &&, medicoid with <>)
  where (status <> 'Cancelado' and consultorioid is not null);

-- Re-running the generator is idempotent: one live slot per grade, start and tipo de slot.
create unique index ca_slotagenda_grade_inicio_tipo_uq
  on ca_slotagenda (gradeagendaid, datainicio, tiposlotid) where status <> 'Cancelado';

-- The slots a day cancellation cancelled, so that restoring the day reactivates exactly those
-- (and not slots cancelled for another reason, e.g. a mass cancellation).
create table ca_grade_dia_cancelado_slot (
  cancelamentoid integer not null references ca_grade_dia_cancelado,
  slotagendaid bigint not null references ca_slotagenda,
  primary key (cancelamentoid, slotagendaid)
);
create index ca_grade_dia_cancelado_slot_slot_idx on ca_grade_dia_cancelado_slot (slotagendaid);

-- Day history and the mini-calendar's range read cancellations by grade and day.
create index ca_grade_dia_cancelado_grade_idx on ca_grade_dia_cancelado (gradeagendaid, data);

-- Grade list filters.
create index ca_gradeagenda_filtros_idx on ca_gradeagenda (unidadeid, especialidadeid, medicoid);
