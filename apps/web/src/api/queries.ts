import { QueryCache, QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchBoard, fetchBoardList } from './boards';
import { fetchAppLinks, fetchMe } from './client';
import { isApiError, isTransientError } from './errors';

export const queryKeys = {
  me: ['me'] as const,
  boardList: ['board-list'] as const,
  board: (boardId: string) => ['board', boardId] as const,
  appLinks: ['apps'] as const,
};

export const MAX_RETRIES = 2;

/** Retries a network failure or a 5xx, never a 4xx: those will not fix themselves. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isTransientError(error);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A session that ended shows up on any call: asking /api/me again brings back the welcome page.
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== queryKeys.me[0]) {
          void client.invalidateQueries({ queryKey: queryKeys.me });
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

export const meQuery = queryOptions({
  queryKey: queryKeys.me,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 5 * 60_000,
});

/** The person's tabs and home board. */
export const boardListQuery = queryOptions({
  queryKey: queryKeys.boardList,
  queryFn: ({ signal }) => fetchBoardList(signal),
});

export function boardQuery(boardId: string) {
  return queryOptions({
    queryKey: queryKeys.board(boardId),
    queryFn: ({ signal }) => fetchBoard(boardId, signal),
  });
}

export const appLinksQuery = queryOptions({
  queryKey: queryKeys.appLinks,
  queryFn: ({ signal }) => fetchAppLinks(signal),
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useAppLinks() {
  return useQuery(appLinksQuery);
}
