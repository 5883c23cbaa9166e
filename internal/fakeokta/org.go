// Copyright (c) The terraform-provider-okta authors
// SPDX-License-Identifier: MPL-2.0

// Package fakeokta is an in-memory Okta org that speaks the wire contract
// of the real Okta management API for OAuth 2.0 scope consent grants: real
// status codes, error bodies, pagination, rate limits and authentication.
// Tests and the demo run the provider against it over HTTP. It also lets
// tests change the org behind the provider's back, inject faults and count
// requests.
package fakeokta

import (
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// App is an app of the org: an OAuth 2.0 client (a service app unless
// told) unless SignOnMode says otherwise.
type App struct {
	ID     string
	Label  string
	Status string // ACTIVE unless set
	// SignOnMode is OPENID_CONNECT (OAuth clients, the default), or one of
	// the modes of the apps that make up most of a real org: SAML_2_0,
	// AUTO_LOGIN (SWA), BOOKMARK, BROWSER_PLUGIN, WS_FEDERATION...
	SignOnMode string
}

// SignOnModeOIDC is the sign-on mode of OAuth 2.0 clients, the only apps
// that hold scope grants.
const SignOnModeOIDC = "OPENID_CONNECT"

// User is an Okta user.
type User struct {
	ID        string
	Login     string
	FirstName string
	LastName  string
	Status    string // ACTIVE unless set
}

// Scope is an OAuth scope: an Okta scope (ID = name, like okta.users.read)
// or a custom authorization server's scope (ID like scpCmCCV1DpxVkCaye2X).
type Scope struct {
	ID          string
	Name        string
	DisplayName string
	Description string
}

// Grant is a scope consent grant as the org holds it.
type Grant struct {
	ID            string
	Status        string
	Source        string
	Issuer        string
	ScopeID       string
	ClientID      string
	UserID        string
	Created       time.Time
	LastUpdated   time.Time
	CreatedByID   string
	CreatedByType string
}

// Credential is an API token (SSWS) or an OAuth 2.0 access token (Bearer).
type Credential struct {
	Token string
	// Bearer marks an OAuth access token; otherwise an API token.
	Bearer bool
	// Scopes are the OAuth scopes the credential holds. Nil means every
	// scope, as a super admin's API token has.
	Scopes []string
	// ActorID and ActorType are who the credential acts as: the user of
	// an API token, or the service app of an access token.
	ActorID, ActorType string
	// Expires is when the token stops working; zero never. The token
	// endpoint's tokens expire, and their refusals carry only a
	// WWW-Authenticate challenge, as Okta's do.
	Expires time.Time
	// DPoPJKT is the thumbprint of the key a DPoP-bound token is bound
	// to (cnf.jkt): it is sent as "DPoP <token>" with a proof by that key.
	DPoPJKT string
}

func (c Credential) expires() bool { return !c.Expires.IsZero() }

// Org is the state of a fake Okta org. It is safe for concurrent use.
type Org struct {
	mu          sync.Mutex
	url         string
	apps        map[string]*App
	appOrder    []string
	users       map[string]*User
	userOrder   []string
	scopes      map[string]Scope
	grants      map[string]*Grant // by grant ID
	grantOrder  []string
	credentials map[string]Credential
	seq         int
	oauth       *oauthState

	traffic traffic
	limits  *rateLimits
	faults  faults
	hostile hostility
	// unverified chooses where Okta's behaviour is unverified.
	unverified unverified
	// notSuperAdmin are the actors without the Super Administrator role
	// (roles.go).
	notSuperAdmin map[string]bool

	// skew puts the org's clock ahead of (or behind) the machine's.
	skew atomic.Int64
	// readLag hides new grants from GETs of one grant (SetReadLag).
	readLag atomic.Int64
	// bareAuthErrors makes 401 and 403 to access tokens carry no body,
	// only a WWW-Authenticate challenge, as Okta may answer them.
	bareAuthErrors atomic.Bool
}

// SetClockSkew runs the org's clock d ahead of the machine's (behind for
// a negative d): its Date headers, rate-limit windows and timestamps.
func (o *Org) SetClockSkew(d time.Duration) { o.skew.Store(int64(d)) }

// SetBareAuthErrors makes 401 and 403 answers to access tokens carry only
// a WWW-Authenticate challenge, without an error body.
func (o *Org) SetBareAuthErrors(bare bool) { o.bareAuthErrors.Store(bare) }

// now is the org's clock.
func (o *Org) now() time.Time { return time.Now().Add(time.Duration(o.skew.Load())) }

// NewOrg returns an empty org that knows Okta's own scopes. Its URL is set
// when a server starts serving it.
func NewOrg() *Org {
	o := &Org{
		apps:        map[string]*App{},
		users:       map[string]*User{},
		scopes:      map[string]Scope{},
		grants:      map[string]*Grant{},
		credentials: map[string]Credential{},
		limits:      newRateLimits(),
		oauth:       newOAuthState(),
	}
	for _, s := range OktaScopes() {
		o.scopes[s.ID] = s
	}
	return o
}

// URL is the org URL: the issuer app grants must name.
func (o *Org) URL() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.url
}

func (o *Org) setURL(u string) {
	o.mu.Lock()
	o.url = strings.TrimSuffix(u, "/")
	o.mu.Unlock()
}

// AddCredential lets a token call the org.
func (o *Org) AddCredential(c Credential) {
	if c.ActorType == "" {
		c.ActorType = "User"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.credentials[c.Token] = c
}

// AddAPIToken adds a super admin's API token: it holds every scope. The
// token acts as an admin user, created if needed.
func (o *Org) AddAPIToken(token string) {
	admin := o.ensureAdmin()
	o.AddCredential(Credential{Token: token, ActorID: admin, ActorType: "User"})
}

// AddAccessToken adds an OAuth access token holding only scopes.
func (o *Org) AddAccessToken(token string, scopes ...string) {
	o.AddCredential(Credential{Token: token, Bearer: true, Scopes: scopes, ActorID: o.ensureAdmin(), ActorType: "User"})
}

func (o *Org) ensureAdmin() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, id := range o.userOrder {
		if o.users[id].Login == "admin@example.com" {
			return id
		}
	}
	u := &User{ID: o.newIDLocked("00u"), Login: "admin@example.com", FirstName: "Org", LastName: "Admin", Status: "ACTIVE"}
	o.users[u.ID] = u
	o.userOrder = append(o.userOrder, u.ID)
	return u.ID
}

// AddApp adds an OAuth service app; an empty ID gets a generated one.
func (o *Org) AddApp(a App) App {
	o.mu.Lock()
	defer o.mu.Unlock()
	if a.ID == "" {
		a.ID = o.newIDLocked("0oa")
	}
	if a.Status == "" {
		a.Status = "ACTIVE"
	}
	if a.SignOnMode == "" {
		a.SignOnMode = SignOnModeOIDC
	}
	if a.Label == "" {
		a.Label = "Service app " + a.ID
		if a.SignOnMode != SignOnModeOIDC {
			a.Label = a.SignOnMode + " app " + a.ID
		}
	}
	if _, exists := o.apps[a.ID]; !exists {
		o.appOrder = append(o.appOrder, a.ID)
	}
	o.apps[a.ID] = &a
	return a
}

// DeleteApp removes an app and its grants, as deleting it in Okta does.
func (o *Org) DeleteApp(appID string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.apps, appID)
	o.appOrder = slices.DeleteFunc(o.appOrder, func(id string) bool { return id == appID })
	for id, g := range o.grants {
		if g.ClientID == appID {
			o.deleteGrantLocked(id)
		}
	}
}

// AddUser adds a user; an empty ID gets a generated one.
func (o *Org) AddUser(u User) User {
	o.mu.Lock()
	defer o.mu.Unlock()
	if u.ID == "" {
		u.ID = o.newIDLocked("00u")
	}
	if u.Status == "" {
		u.Status = "ACTIVE"
	}
	if u.Login == "" {
		u.Login = strings.ToLower(u.ID) + "@example.com"
	}
	if _, exists := o.users[u.ID]; !exists {
		o.userOrder = append(o.userOrder, u.ID)
	}
	o.users[u.ID] = &u
	return u
}

// AddScope registers a custom authorization server scope for user grants.
func (o *Org) AddScope(s Scope) Scope {
	o.mu.Lock()
	defer o.mu.Unlock()
	if s.ID == "" {
		s.ID = o.newIDLocked("scp")
	}
	o.scopes[s.ID] = s
	return s
}

// Apps is every app, in creation order.
func (o *Org) Apps() []App {
	o.mu.Lock()
	defer o.mu.Unlock()
	return inOrder(o.appOrder, o.apps)
}

// Users is every user, in creation order.
func (o *Org) Users() []User {
	o.mu.Lock()
	defer o.mu.Unlock()
	return inOrder(o.userOrder, o.users)
}

const idAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// newIDLocked makes an Okta-shaped ID: a three-letter prefix and 17
// characters, sortable by creation within one org.
func (o *Org) newIDLocked(prefix string) string {
	o.seq++
	var b strings.Builder
	b.WriteString(prefix)
	fmt.Fprintf(&b, "%08d", o.seq)
	random := make([]byte, 9)
	_, _ = rand.Read(random)
	for _, r := range random {
		b.WriteByte(idAlphabet[int(r)%len(idAlphabet)])
	}
	return b.String()
}
