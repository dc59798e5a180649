-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident" USING BRIN ("createdAt");


