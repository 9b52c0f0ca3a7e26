-- pacientes: CPF prefix search (`cpf like '123%'`). The unique index on cpf serves equality
-- only: under any collation but plain "C" (C.UTF-8 included) the planner cannot use it for
-- LIKE prefixes, so the search would scan the whole table. bpchar_pattern_ops compares bytes.
create index ca_paciente_cpf_prefix_idx on ca_paciente (cpf bpchar_pattern_ops);
