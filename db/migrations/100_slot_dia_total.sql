-- Week and month views (server/modules/slots/query_service.ts slotTotalsByDay) show per-day
-- totals. Summing the slots themselves reads 80,000+ rows for a month of a large network
-- (40-90 ms); this table keeps the totals per day and per filter key (unidade, especialidade,
-- médico, tipo), so a month reads a few thousand rows. Triggers on ca_slotagenda keep it exact
-- in the writing transaction: inserts and deletes per statement, updates per row at commit (a
-- booking locks its day's total only while it commits, so concurrent bookings of one médico's
-- day do not queue behind each other's whole transaction).
create table ca_slot_dia_total (
  data date not null,
  unidadeid integer not null,
  especialidadeid integer not null,
  medicoid integer not null,
  tiposlotid integer not null,
  -- non-cancelled slots: how many, their places, the places held
  slots integer not null,
  vagas integer not null,
  ocupadas integer not null,
  -- cancelled slots
  canceladas integer not null,
  primary key (data, unidadeid, especialidadeid, medicoid, tiposlotid)
);

-- What one slot adds (sinal 1) or takes away (sinal -1).
create function ca_slot_dia_total_de(s ca_slotagenda, sinal integer) returns ca_slot_dia_total
language sql immutable as $$
  select row(s.data, s.unidadeid, s.especialidadeid, s.medicoid, s.tiposlotid,
    sinal * (s.status <> 'Cancelado')::int,
    sinal * case when s.status <> 'Cancelado' then s.limitevagas else 0 end,
    sinal * case when s.status <> 'Cancelado' then s.vagas_ocupadas else 0 end,
    sinal * (s.status = 'Cancelado')::int)::ca_slot_dia_total
$$;

create function ca_slot_dia_total_somar(d ca_slot_dia_total[]) returns void
language sql as $$
  insert into ca_slot_dia_total as t
  select data, unidadeid, especialidadeid, medicoid, tiposlotid, sum(slots), sum(vagas),
    sum(ocupadas), sum(canceladas)
  from unnest(d) group by data, unidadeid, especialidadeid, medicoid, tiposlotid
  on conflict (data, unidadeid, especialidadeid, medicoid, tiposlotid) do update set
    slots = t.slots + excluded.slots, vagas = t.vagas + excluded.vagas,
    ocupadas = t.ocupadas + excluded.ocupadas, canceladas = t.canceladas + excluded.canceladas
$$;

create function ca_slot_dia_total_stmt() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform ca_slot_dia_total_somar(array(
      select row(x.data, x.unidadeid, x.especialidadeid, x.medicoid, x.tiposlotid, sum(x.slots),
                 sum(x.vagas), sum(x.ocupadas), sum(x.canceladas))::ca_slot_dia_total
      from novos n cross join lateral ca_slot_dia_total_de(n, 1) x
      group by x.data, x.unidadeid, x.especialidadeid, x.medicoid, x.tiposlotid));
  elsif tg_op = 'DELETE' then
    perform ca_slot_dia_total_somar(array(
      select ca_slot_dia_total_de(a, -1) from antigos a));
  else
    delete from ca_slot_dia_total;
  end if;
  return null;
end $$;

create function ca_slot_dia_total_row() returns trigger language plpgsql as $$
begin
  perform ca_slot_dia_total_somar(
    array[ca_slot_dia_total_de(old, -1), ca_slot_dia_total_de(new, 1)]);
  return null;
end $$;

create trigger ca_slot_dia_total_ins after insert on ca_slotagenda
  referencing new table as novos for each statement execute function ca_slot_dia_total_stmt();
create trigger ca_slot_dia_total_del after delete on ca_slotagenda
  referencing old table as antigos for each statement execute function ca_slot_dia_total_stmt();
create trigger ca_slot_dia_total_trunc after truncate on ca_slotagenda
  for each statement execute function ca_slot_dia_total_stmt();
create constraint trigger ca_slot_dia_total_upd after update on ca_slotagenda
  deferrable initially deferred for each row
  when (old.status is distinct from new.status or old.limitevagas <> new.limitevagas
        or old.vagas_ocupadas <> new.vagas_ocupadas or old.data <> new.data
        or old.unidadeid <> new.unidadeid or old.especialidadeid <> new.especialidadeid
        or old.medicoid <> new.medicoid or old.tiposlotid <> new.tiposlotid)
  execute function ca_slot_dia_total_row();

select ca_slot_dia_total_somar(array(
  select row(x.data, x.unidadeid, x.especialidadeid, x.medicoid, x.tiposlotid, sum(x.slots),
             sum(x.vagas), sum(x.ocupadas), sum(x.canceladas))::ca_slot_dia_total
  from ca_slotagenda s cross join lateral ca_slot_dia_total_de(s, 1) x
  group by x.data, x.unidadeid, x.especialidadeid, x.medicoid, x.tiposlotid));
