-- Access tokens end with their login (issue 14): every node keeps the logins revoked within an access
-- token's lifetime in memory and, when it starts or its LISTEN connection returns, reads them with
-- "revoked_at > now - ttl". This index keeps that read small however many refresh tokens there are.
create index refresh_tokens_revoked on refresh_tokens (revoked_at) where revoked_at is not null;
