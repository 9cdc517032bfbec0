{{/*
How the coordinator and the workers reach NATS: where it is (natsUrl, the subchart's Service), who they are
(natsAuth: one identity each) and TLS (natsTls). Helpers for one identity take
(dict "ctx" $ "identity" "coordinator") or "worker".
*/}}

{{/*
The NATS subchart's full name, by the subchart's own rule (its "nats.fullname"): fullnameOverride, else the
release name when it contains the chart name ("nats", or nameOverride), else "<release>-nats".
*/}}
{{- define "imager.natsFullname" -}}
{{- $nats := .Values.nats | default dict }}
{{- if $nats.fullnameOverride }}
{{- $nats.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default "nats" $nats.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Where the programs find NATS: natsUrl when set; otherwise the subchart's client Service (its name defaults to
the subchart's full name, its port to 4222), in the subchart's namespace.
*/}}
{{- define "imager.natsUrl" -}}
{{- if .Values.natsUrl }}
{{- .Values.natsUrl }}
{{- else if .Values.nats.enabled }}
{{- $nats := .Values.nats }}
{{- $service := include "imager.natsFullname" . }}
{{- with $nats.service }}{{ with .name }}{{ $service = . }}{{ end }}{{ end }}
{{- $port := 4222 }}
{{- with $nats.config }}{{ with .nats }}{{ with .port }}{{ $port = . }}{{ end }}{{ end }}{{ end }}
{{- $namespace := default .Release.Namespace $nats.namespaceOverride }}
{{- if eq $namespace .Release.Namespace }}
{{- printf "nats://%s:%v" $service $port }}
{{- else }}
{{- printf "nats://%s.%s.svc:%v" $service $namespace $port }}
{{- end }}
{{- else }}
{{- fail "natsUrl is required when nats.enabled=false: where is your NATS? (e.g. nats://nats.messaging:4222)" }}
{{- end }}
{{- end }}

{{/*
The Secret holding the identities' credentials: "<nats>-auth" with the bundled NATS (the name the subchart's
values reference), natsAuth.existingSecret with your own.
*/}}
{{- define "imager.natsAuthSecretName" -}}
{{- if .Values.nats.enabled }}
{{- printf "%s-auth" (include "imager.natsFullname" .) }}
{{- else }}
{{- .Values.natsAuth.existingSecret }}
{{- end }}
{{- end }}

{{/* Checks of natsAuth and natsTls, each naming the value to fix. */}}
{{- define "imager.validateNatsClient" -}}
{{- $auth := .Values.natsAuth }}
{{- if not (has $auth.type (list "password" "creds" "token" "none")) }}
{{- fail (printf "natsAuth.type must be password, creds, token or none, got %q" $auth.type) }}
{{- end }}
{{- if .Values.nats.enabled }}
{{- if ne $auth.type "password" }}
{{- fail (printf "natsAuth.type=%s needs your own NATS (nats.enabled=false): the bundled NATS grants each identity its subjects by user and password (docs/security.md)" $auth.type) }}
{{- end }}
{{- if $auth.existingSecret }}
{{- fail (printf "natsAuth.existingSecret is for your own NATS; the bundled NATS's passwords are in the Secret %s (natsAuth.createSecret=false: create it yourself)" (include "imager.natsAuthSecretName" .)) }}
{{- end }}
{{- $natsNamespace := default .Release.Namespace .Values.nats.namespaceOverride }}
{{- if ne $natsNamespace .Release.Namespace }}
{{- fail (printf "nats.namespaceOverride=%s: the bundled NATS must run in the release namespace %s, where the Secret with its passwords is" $natsNamespace .Release.Namespace) }}
{{- end }}
{{- else if and (ne $auth.type "none") (not $auth.existingSecret) }}
{{- fail (printf "natsAuth.existingSecret is required with natsAuth.type=%s and your own NATS (secrets are never taken from values)" $auth.type) }}
{{- end }}
{{- if and (eq $auth.type "password") (or (not $auth.users.coordinator) (not $auth.users.worker)) }}
{{- fail "natsAuth.users.coordinator and natsAuth.users.worker are required with natsAuth.type=password" }}
{{- end }}
{{- if and .Values.natsTls.existingSecret (or (and .Values.natsTls.certKey (not .Values.natsTls.keyKey)) (and .Values.natsTls.keyKey (not .Values.natsTls.certKey))) }}
{{- fail "natsTls.certKey and natsTls.keyKey go together (mutual TLS needs both)" }}
{{- end }}
{{- $_ := include "imager.natsUrl" . }}
{{- end }}

{{/* Flags one identity takes for NATS, as a YAML list of arguments. Secrets are never arguments. */}}
{{- define "imager.natsArgs" -}}
{{- $ := .ctx }}
{{- $auth := $.Values.natsAuth -}}
- {{ printf "--nats-url=%s" (include "imager.natsUrl" $) | quote }}
- {{ printf "--subject-prefix=%s" $.Values.subjectPrefix | quote }}
{{- if eq $auth.type "password" }}
- {{ printf "--nats-user=%s" (get $auth.users .identity) | quote }}
{{- else if eq $auth.type "creds" }}
- {{ printf "--nats-creds=/etc/imager/nats-creds/%s.creds" .identity | quote }}
{{- end }}
{{- with $.Values.natsTls }}
{{- if .enabled }}
- "--nats-tls=true"
{{- end }}
{{- if .existingSecret }}
{{- if .caKey }}
- {{ printf "--nats-tls-ca=/etc/imager/nats-tls/%s" .caKey | quote }}
{{- end }}
{{- if .certKey }}
- {{ printf "--nats-tls-cert=/etc/imager/nats-tls/%s" .certKey | quote }}
- {{ printf "--nats-tls-key=/etc/imager/nats-tls/%s" .keyKey | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* One identity's NATS secret as an environment variable from its Secret key (never an argument). */}}
{{- define "imager.natsEnv" -}}
{{- $ := .ctx }}
{{- $auth := $.Values.natsAuth }}
{{- if eq $auth.type "password" }}
- name: IMAGER_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "imager.natsAuthSecretName" $ }}
      key: {{ printf "%s-password" .identity }}
{{- else if eq $auth.type "token" }}
- name: IMAGER_NATS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.tokenKey }}
{{- end }}
{{- end }}

{{/*
Volumes of one identity's NATS files: the TLS Secret, and with natsAuth.type=creds that identity's .creds file
only (a worker never holds the coordinator's credentials).
*/}}
{{- define "imager.natsVolumes" -}}
{{- $ := .ctx }}
{{- if $.Values.natsTls.existingSecret }}
- name: nats-tls
  secret:
    secretName: {{ $.Values.natsTls.existingSecret }}
{{- end }}
{{- if eq $.Values.natsAuth.type "creds" }}
- name: nats-creds
  secret:
    secretName: {{ $.Values.natsAuth.existingSecret }}
    items:
      - key: {{ printf "%s.creds" .identity }}
        path: {{ printf "%s.creds" .identity }}
{{- end }}
{{- end }}
{{- define "imager.natsVolumeMounts" -}}
{{- $ := .ctx }}
{{- if $.Values.natsTls.existingSecret }}
- name: nats-tls
  mountPath: /etc/imager/nats-tls
  readOnly: true
{{- end }}
{{- if eq $.Values.natsAuth.type "creds" }}
- name: nats-creds
  mountPath: /etc/imager/nats-creds
  readOnly: true
{{- end }}
{{- end }}
