// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

package fakeokta

import "fmt"

// The demo org's fixed IDs, which examples/demo refers to.
const (
	DemoPipelineAppID    = "0oademo0pipeline0001"
	DemoReportingAppID   = "0oademo0reporting001"
	DemoProvisionerAppID = "0oademo0provisioner1"
	DemoAliceID          = "00udemo0alice0000001"
	DemoBobID            = "00udemo0bob000000001"
	// DemoReportingLogsScope is granted to the reporting app before
	// Terraform runs: the grant the demo imports.
	DemoReportingLogsScope = "okta.logs.read"
)

// SeedDemo fills a served org (its URL set) with three OAuth service
// apps, two users with END_USER grants on a custom authorization server,
// and one app grant made in the console before Terraform came.
func SeedDemo(o *Org) error {
	if o.URL() == "" {
		return fmt.Errorf("fakeokta: seed the demo org after it is served: its URL is the issuer")
	}
	o.AddApp(App{ID: DemoPipelineAppID, Label: "CI pipeline"})
	o.AddApp(App{ID: DemoReportingAppID, Label: "Reporting service"})
	o.AddApp(App{ID: DemoProvisionerAppID, Label: "User provisioner"})
	o.AddUser(User{ID: DemoAliceID, Login: "alice@example.com", FirstName: "Alice", LastName: "Doe"})
	o.AddUser(User{ID: DemoBobID, Login: "bob@example.com", FirstName: "Bob", LastName: "Roe"})

	orders := o.AddScope(Scope{ID: "scpdemo0ordersread01", Name: "orders:read", DisplayName: "Read your orders", Description: "Lets the app read the orders you placed."})
	profile := o.AddScope(Scope{ID: "scpdemo0profile00001", Name: "profile", DisplayName: "Your profile", Description: "Lets the app read your name and email."})
	issuer := o.URL() + "/oauth2/ausdemo0orders00001"
	for _, g := range []struct{ user, client, scope string }{
		{DemoAliceID, DemoReportingAppID, orders.ID},
		{DemoAliceID, DemoReportingAppID, profile.ID},
		{DemoAliceID, DemoPipelineAppID, profile.ID},
		{DemoBobID, DemoReportingAppID, profile.ID},
	} {
		if _, err := o.AddUserGrant(g.user, g.client, g.scope, issuer); err != nil {
			return err
		}
	}
	_, err := o.GrantAppScope(DemoReportingAppID, DemoReportingLogsScope)
	return err
}
