// Every read the screens make, as TanStack Query hooks keyed by their parameters.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './http';
import type {
  AdminClient,
  AuditEvent,
  ConsentDetail,
  ConsentSummary,
  CustomerDetail,
  CustomerLookup,
  Meta,
  Operator,
  Page,
  TppClient,
} from './types';

export type Params = Record<string, string | undefined>;

export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: () => api<Meta>('GET', '/meta'), staleTime: Infinity });
}

export function useTppClients() {
  return useQuery({
    queryKey: ['clients'],
    queryFn: () => api<{ items: TppClient[] }>('GET', '/clients'),
    staleTime: 60_000,
  });
}

export function useConsentSearch(params: Params) {
  return useQuery({
    queryKey: ['consents', params],
    queryFn: () => api<Page<ConsentSummary>>('GET', withQuery('/consents', params)),
    placeholderData: keepPreviousData,
  });
}

export function useConsent(consentId: string) {
  return useQuery({
    queryKey: ['consent', consentId],
    queryFn: () => api<ConsentDetail>('GET', `/consents/${encodeURIComponent(consentId)}`),
  });
}

export function useCustomerLookup(params: Params, enabled: boolean) {
  return useQuery({
    queryKey: ['customers', params],
    queryFn: () => api<CustomerLookup>('GET', withQuery('/customers', params)),
    enabled,
  });
}

export function useCustomer(customerId: string) {
  return useQuery({
    queryKey: ['customer', customerId],
    queryFn: () => api<CustomerDetail>('GET', `/customers/${encodeURIComponent(customerId)}`),
  });
}

export function useAuditEvents(params: Params) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: () => api<Page<AuditEvent>>('GET', withQuery('/audit-events', params)),
    placeholderData: keepPreviousData,
  });
}

export function useOperators() {
  return useQuery({
    queryKey: ['admin', 'operators'],
    queryFn: () => api<{ items: Operator[] }>('GET', '/admin/operators'),
  });
}

export function useAdminClients() {
  return useQuery({
    queryKey: ['admin', 'clients'],
    queryFn: () => api<{ items: AdminClient[] }>('GET', '/admin/clients'),
  });
}
