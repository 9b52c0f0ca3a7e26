/**
 * The requests that open the list screens, named once: routes.ts starts them at load
 * (app/first_data.ts) and the screens make them again on every refetch.
 */
import type { ApiClient } from "../../../client-shared/api_client.ts";

export const minhasSolicitacoes = (api: ApiClient) =>
  api.call("GET /api/backlog", { query: { limit: 200 } });

export const minhasConsultas = (api: ApiClient) => api.call("GET /api/agendamentos/meus");
