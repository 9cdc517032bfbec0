{{/*
Names, labels, and the values every template derives the same way: the NATS URL, the resolved target and
the flags shared by the coordinator and the workers.
*/}}

{{- define "imager.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-imager", or the release name alone when it already contains "imager". */}}
{{- define "imager.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "imager.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. Call with (dict "ctx" $ "component" "coordinator"). */}}
{{- define "imager.labels" -}}
helm.sh/chart: {{ include "imager.chart" .ctx }}
{{ include "imager.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: imager
{{- end }}

{{/* Selector labels: stable for the life of a release (Deployment selectors are immutable). */}}
{{- define "imager.selectorLabels" -}}
app.kubernetes.io/name: {{ include "imager.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{- define "imager.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (printf "%s-coordinator" (include "imager.fullname" .)) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

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

{{/* The demo target's name (Deployment and Service). */}}
{{- define "imager.demoName" -}}
{{- printf "%s-sumservice" (include "imager.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The target, resolved: the values given, or the demo's sumservice where none is named and demo.enabled.
Returns JSON: {mode, namespace, deployment, service, url}. Fails on an incomplete target.
*/}}
{{- define "imager.target" -}}
{{- $t := .Values.coordinator.target }}
{{- $mode := $t.mode }}
{{- $namespace := default .Release.Namespace $t.namespace }}
{{- $demo := include "imager.demoName" . }}
{{- $deployment := $t.deployment }}
{{- $service := $t.service }}
{{- $url := $t.url }}
{{- if eq $mode "pod" }}
  {{- if and (not $deployment) .Values.demo.enabled }}{{ $deployment = $demo }}{{ $namespace = .Release.Namespace }}{{ end }}
  {{- if not $deployment }}{{ fail "coordinator.target.deployment is required in pod mode (or demo.enabled=true)" }}{{ end }}
{{- else if eq $mode "service" }}
  {{- if and (not $service) .Values.demo.enabled }}{{ $service = $demo }}{{ $namespace = .Release.Namespace }}{{ end }}
  {{- if not $service }}{{ fail "coordinator.target.service is required in service mode (or demo.enabled=true)" }}{{ end }}
{{- else if eq $mode "url" }}
  {{- if and (not $url) .Values.demo.enabled }}{{ $url = printf "http://%s.%s.svc:8080" $demo .Release.Namespace }}{{ end }}
  {{- if not $url }}{{ fail "coordinator.target.url is required in url mode (or demo.enabled=true)" }}{{ end }}
  {{- if not (regexMatch "^https?://[^/]+" $url) }}{{ fail (printf "coordinator.target.url must be an absolute http:// or https:// URL, got %q" $url) }}{{ end }}
{{- else }}
  {{- fail (printf "coordinator.target.mode must be pod, service or url, got %q" $mode) }}
{{- end }}
{{- dict "mode" $mode "namespace" $namespace "deployment" $deployment "service" $service "url" $url | toJson }}
{{- end }}

{{/* Checks of values that would otherwise only fail at run time, each naming its value. */}}
{{- define "imager.validate" -}}
{{- $c := .Values.coordinator }}
{{- if not (has $c.kind (list "Deployment" "Job")) }}
{{- fail (printf "coordinator.kind must be Deployment or Job, got %q" $c.kind) }}
{{- end }}
{{- if and (eq $c.kind "Job") (not $c.duration) }}
{{- fail "coordinator.duration is required with coordinator.kind=Job: without --duration the run never ends" }}
{{- end }}
{{- if and (eq $c.requestSource.type "file") (not (trim (default "" $c.requestSource.requests))) }}
{{- fail "coordinator.requestSource.requests must hold at least one request when coordinator.requestSource.type=file" }}
{{- end }}
{{- $auth := .Values.natsAuth }}
{{- if not (has $auth.type (list "none" "user" "token")) }}
{{- fail (printf "natsAuth.type must be none, user or token, got %q" $auth.type) }}
{{- end }}
{{- if and (ne $auth.type "none") (not $auth.existingSecret) }}
{{- fail (printf "natsAuth.existingSecret is required with natsAuth.type=%s (secrets are never taken from values)" $auth.type) }}
{{- end }}
{{- if and (eq $auth.type "user") (not $auth.user) }}
{{- fail "natsAuth.user is required with natsAuth.type=user" }}
{{- end }}
{{- if and .Values.natsTls.existingSecret (or (and .Values.natsTls.certKey (not .Values.natsTls.keyKey)) (and .Values.natsTls.keyKey (not .Values.natsTls.certKey))) }}
{{- fail "natsTls.certKey and natsTls.keyKey go together (mutual TLS needs both)" }}
{{- end }}
{{- $_ := include "imager.natsUrl" . }}
{{- $_ := include "imager.target" . }}
{{- end }}

{{/* Flags both programs take for NATS, as a YAML list of arguments. */}}
{{- define "imager.natsArgs" -}}
- {{ printf "--nats-url=%s" (include "imager.natsUrl" .) | quote }}
- {{ printf "--subject-prefix=%s" .Values.subjectPrefix | quote }}
{{- if eq .Values.natsAuth.type "user" }}
- {{ printf "--nats-user=%s" .Values.natsAuth.user | quote }}
{{- end }}
{{- with .Values.natsTls }}
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

{{/* NATS secrets as environment variables from the existing Secret (never as arguments). */}}
{{- define "imager.natsEnv" -}}
{{- $auth := .Values.natsAuth }}
{{- if eq $auth.type "user" }}
- name: IMAGER_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.passwordKey }}
{{- else if eq $auth.type "token" }}
- name: IMAGER_NATS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.tokenKey }}
{{- end }}
{{- end }}

{{/* Volume and mount of the NATS TLS Secret, when there is one. */}}
{{- define "imager.natsTlsVolume" -}}
{{- if .Values.natsTls.existingSecret }}
- name: nats-tls
  secret:
    secretName: {{ .Values.natsTls.existingSecret }}
{{- end }}
{{- end }}
{{- define "imager.natsTlsMount" -}}
{{- if .Values.natsTls.existingSecret }}
- name: nats-tls
  mountPath: /etc/imager/nats-tls
  readOnly: true
{{- end }}
{{- end }}

{{/* prometheus.io annotations for a pod serving /metrics on the given port. (dict "ctx" $ "port" 9100) */}}
{{- define "imager.scrapeAnnotations" -}}
{{- if .ctx.Values.metrics.scrapeAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}
