// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/oktagrants/terraform-provider-okta/internal/fakeokta"
	"github.com/oktagrants/terraform-provider-okta/internal/okta"
)

// An interrupted query ends with the context's error instead of waiting
// for lists it will never send. The context ends before the first list:
// which lists go out first is up to the scheduler, so the query runs 20
// times, and a reader that waits for a list never sent hangs in one of
// them with a probability of 1 - 2^-20.
func TestGrantsByApp_interruptedQueryEnds(t *testing.T) {
	t.Parallel()
	org := newTestOrg(t)
	var apps []okta.App
	for range 30 {
		apps = append(apps, okta.App{ID: org.AddApp(fakeokta.App{}).ID})
	}
	client, err := okta.New(okta.Config{OrgURL: org.URL, APIToken: org.token})
	if err != nil {
		t.Fatal(err)
	}
	b := &listResourceBase{client: client}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 20 {
		done := make(chan error, 1)
		go func() {
			var last error
			for _, r := range b.grantsByApp(ctx, apps) {
				last = r.err
			}
			done <- last
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("the interrupted query ended with %v, want context.Canceled", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the interrupted query never ended")
		}
	}
}
