// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package sdkcompat proves that the official Okta Go SDK
// (github.com/okta/okta-sdk-golang/v5) works unchanged against the fake Okta
// org in internal/fakeokta: its tests drive the fake through the SDK's own
// API clients, pagination, error decoding and rate-limit retries.
//
// It is a separate Go module so that the SDK and its many dependencies stay
// out of the provider's go.mod: the provider does not use the SDK, only this
// compatibility check does. Run it with
//
//	cd internal/fakeokta/sdkcompat && go test ./...
package sdkcompat
