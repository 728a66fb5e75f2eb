package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;

/** Deletes an endpoint with its deliveries and their log. */
public interface DeleteEndpointUseCase {

    Result<Void> delete(AccountId account, String endpointId);
}
